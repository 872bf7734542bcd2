// Placeholder until the citizen view lands.
import { Shell } from '../../ui/shell';

export default function View() {
  return <Shell title="citizen"><p>…</p></Shell>;
}
