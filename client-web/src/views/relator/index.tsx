// Placeholder until the relator view lands.
import { Shell } from '../../ui/shell';

export default function View() {
  return <Shell title="relator"><p>…</p></Shell>;
}
