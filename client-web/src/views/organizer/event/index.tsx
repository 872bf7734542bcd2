// The organizer's panels during and after the event: the lifecycle (PhasePanel, with the
// workshops overview) and the plenary's navigation (PlenaryPanel). Both read live.state.
import './event.css';
export { PhasePanel } from './phase';
export { PlenaryPanel } from './plenary';
