// Placeholder until the projector view lands.
import { Shell } from '../../ui/shell';

export default function View() {
  return <Shell title="projector"><p>…</p></Shell>;
}
