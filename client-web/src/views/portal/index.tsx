// The public follow-up portal (no login): /publico, /publico/:id, /publico/:id/compromisos/:cid
// and the data dictionary of the open data (/publico/datos). Reads and writes only the public
// HTTP API (same origin: a citizen's observation is its one POST); never opens the live WebSocket.
import { useEffect } from 'preact/hooks';
import '../../i18n/portal';
import { CommitmentPage } from './commitment';
import { DataDictionaryPage } from './data';
import { EncuentroPage } from './encuentro';
import { ListPage } from './list';
import './portal.css';

export default function Portal(props: { params?: { id?: string; cid?: string }; page?: 'datos' }) {
  const id = props.params?.id;
  const cid = props.params?.cid;
  const page = props.page;
  // A new page starts at its top (in-page #anchors are left to the browser).
  useEffect(() => {
    if (!location.hash) window.scrollTo(0, 0);
  }, [id, cid, page]);
  if (page === 'datos') return <DataDictionaryPage />;
  if (id && cid) return <CommitmentPage id={id} cid={cid} />;
  if (id) return <EncuentroPage id={id} />;
  return <ListPage />;
}
