// Placeholder until the memoria view lands.
export default function View() {
  return <p>…</p>;
}
