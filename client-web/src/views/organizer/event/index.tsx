// Placeholder until the phase and plenary panels land.
export function PhasePanel() {
  return <p>…</p>;
}
export function PlenaryPanel() {
  return <p>…</p>;
}
