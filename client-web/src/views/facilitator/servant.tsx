// Placeholder until the facilitator view lands.
import { Shell } from '../../ui/shell';

export default function View() {
  return <Shell title="facilitator"><p>…</p></Shell>;
}
