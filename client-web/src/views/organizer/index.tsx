// Placeholder until the organizer view lands.
import { Shell } from '../../ui/shell';

export default function View() {
  return <Shell title="organizer"><p>…</p></Shell>;
}
