// Placeholder until the answers panel lands.
export function AnswersPanel() {
  return <p>…</p>;
}
