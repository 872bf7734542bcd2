// With the server's secret: every encuentro on the server, open one or create a new one.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { live, type CommandResult } from '../../core/live';
import type { PhaseOrUnknown } from '../../core/protocol';
import { t } from '../../i18n';
import { Shell } from '../../ui/shell';
import { describeRefusal, formatDate, localError, phaseLabel } from './common';
import { DetailsForm } from './details-form';
import { earliestEventDate, emptyDetails } from './selectors';

export interface EncuentroSummary {
  id: string;
  title: string;
  date: string;
  phase: PhaseOrUnknown;
  seq: number;
}

export function Chooser(props: { onLogout: () => void }) {
  const { route } = useLocation();
  const [list, setList] = useState<EncuentroSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const connection = live.connection.value;

  async function load(): Promise<EncuentroSummary[] | null> {
    try {
      const reply = await live.request<{ encuentros: EncuentroSummary[] }>({ type: 'encuentros.list' });
      const sorted = [...reply.encuentros].sort((a, b) => b.date.localeCompare(a.date));
      setList(sorted);
      setError(null);
      return sorted;
    } catch (err) {
      setError(describeRefusal(localError(err)));
      return null;
    }
  }

  // Load once connected (the request needs a connection).
  useEffect(() => {
    if (list === null && (connection === 'online' || connection === 'syncing' || connection === 'idle')) void load();
  }, [connection]);

  const earliest = earliestEventDate(live.serverNow());

  return (
    <Shell title={t('org.title')} subtitle={t('org.chooser.subtitle')} onLogout={props.onLogout}>
      <section class="card" aria-labelledby="org-list-h">
        <div class="row org-spread">
          <h2 id="org-list-h">{t('org.chooser.title')}</h2>
          <div class="row">
            <button type="button" class="btn" onClick={() => void load()}>{t('org.chooser.reload')}</button>
            {!creating && (
              <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
                {t('org.chooser.new')}
              </button>
            )}
          </div>
        </div>
        {error && <p class="error" role="alert">{error}</p>}
        {list === null && !error && <p role="status">{t('common.loading')}</p>}
        {list && list.length === 0 && <p>{t('org.chooser.empty')}</p>}
        {list && list.length > 0 && (
          <ul class="list org-enc-list">
            {list.map((e) => (
              <li key={e.id} class="row org-spread">
                <div>
                  <a href={`/organizador/${encodeURIComponent(e.id)}`} class="org-enc-title">{e.title || e.id}</a>
                  <p class="hint">
                    {formatDate(e.date)} · <span class="badge">{phaseLabel(e.phase)}</span>
                  </p>
                </div>
                <a class="btn" href={`/organizador/${encodeURIComponent(e.id)}`}
                  aria-label={t('org.chooser.openNamed', { title: e.title || e.id })}>
                  {t('org.chooser.open')}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      {creating && (
        <section class="card" aria-labelledby="org-new-h">
          <h2 id="org-new-h">{t('org.chooser.new')}</h2>
          <p class="hint">{t('org.chooser.newHint')}</p>
          <DetailsForm
            initial={emptyDetails(earliest)}
            earliest={earliest}
            submitLabel={t('org.chooser.create')}
            onCancel={() => setCreating(false)}
            onSubmit={async (details) => {
              let result: CommandResult;
              try {
                result = await live.send('encuentro.create', { details });
              } catch (err) {
                return localError(err);
              }
              if (!result.ok) return result.error;
              // The ack names the new encuentro (the server makes its id).
              route(`/organizador/${encodeURIComponent(result.encuentro)}/plan`);
              return null;
            }}
          />
        </section>
      )}
    </Shell>
  );
}
