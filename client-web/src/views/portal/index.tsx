// The public follow-up portal (no login): /publico, /publico/:id, /publico/:id/compromisos/:cid.
// Reads only the public HTTP API (same origin); never opens the live WebSocket.
import { useEffect } from 'preact/hooks';
import '../../i18n/portal';
import { CommitmentPage } from './commitment';
import { EncuentroPage } from './encuentro';
import { ListPage } from './list';
import './portal.css';

export default function Portal(props: { params?: { id?: string; cid?: string } }) {
  const id = props.params?.id;
  const cid = props.params?.cid;
  // A new page starts at its top (in-page #anchors are left to the browser).
  useEffect(() => {
    if (!location.hash) window.scrollTo(0, 0);
  }, [id, cid]);
  if (id && cid) return <CommitmentPage id={id} cid={cid} />;
  if (id) return <EncuentroPage id={id} />;
  return <ListPage />;
}
