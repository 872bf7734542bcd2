// Placeholder until the office view lands.
export default function View() {
  return <p>…</p>;
}
