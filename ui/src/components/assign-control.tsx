import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useUser } from '../auth';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import type { Task } from '../types';
import { ConfirmDialog } from './confirm-dialog';
import { ErrorSummary, Field, useSubmit } from './forms';

/**
 * 指派 / 转办, for the supervisor of the task's authority: who holds the task now, and a choice of the people of its
 * department holding its role (with how many open tasks each holds). A task no one holds is assigned; a held one is
 * reassigned, with written reasons told to both people. Each is confirmed first. The server decides who may: the
 * control shows only when it lists the people (403/404 otherwise).
 */
export function AssignControl({ task, onChange }: { task: Task; onChange(): void }) {
  const user = useUser();
  const { t, pick } = useI18n();
  const supervisor = user.roles.includes('authority-supervisor') && task.status === 'open';
  const people = useLoad(
    async (signal) => (supervisor ? await api.assignees(task.id, signal).catch((e: unknown) => (e instanceof ApiError && (e.status === 403 || e.status === 404) ? null : Promise.reject(e))) : null),
    [task.id, task.claimedBy, supervisor],
  );
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const submit = useSubmit(['userId', 'reason']);
  if (!supervisor || people.state !== 'ok' || !people.data) return null;
  const reassigning = !!task.claimedBy;
  const holder = task.claimedByName ?? task.claimedBy ?? '';
  const choices = people.data.filter((p) => p.id !== task.claimedBy);
  const chosen = choices.find((p) => p.id === userId);
  const taskTitle = pick(task.titleZh, task.titleEn);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!chosen) missing.userId = t('assignChooseMissing');
    if (reassigning && !reason.trim()) missing.reason = t('reassignReasonMissing');
    if (Object.keys(missing).length) submit.reject(missing);
    else setConfirming(true);
  }

  async function send() {
    setConfirming(false);
    const name = chosen?.displayName ?? '';
    const result = await submit.run(() => (reassigning ? api.reassign(task.id, userId, reason.trim()) : api.assign(task.id, userId)));
    if (result) {
      setDone(t(reassigning ? 'reassignDone' : 'assignDone', { name }));
      setUserId('');
      setReason('');
    }
    onChange();
  }

  const labels = { userId: t('assignPerson'), reason: t('reassignReason') };
  return (
    <section className="card" aria-labelledby="assign-title" data-testid="assign">
      <h2 id="assign-title">{reassigning ? t('reassignTitle') : t('assignTitle')}</h2>
      <p data-testid="assign-holder">{reassigning ? t('assignHolder', { who: holder }) : t('assignNobody')}</p>
      {done ? (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      ) : null}
      {choices.length === 0 ? (
        <p className="muted">{t('assignNoOne')}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <ErrorSummary formId="assign" fields={submit.fields} general={submit.general} labels={labels} />
          <Field id="assign-userId" label={labels.userId} required error={submit.fields.userId} hint={t('assignPersonHint')}>
            {(p) => (
              <select
                {...p}
                name="userId"
                value={userId}
                onChange={(e) => {
                  setUserId(e.target.value);
                  submit.clearField('userId');
                }}
              >
                <option value="">{t('assignChoose')}</option>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t('assignOption', { name: c.displayName, n: c.openTasks })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {reassigning ? (
            <Field id="assign-reason" label={labels.reason} required error={submit.fields.reason} hint={t('reassignReasonHint')} count={{ value: reason, max: 2000 }}>
              {(p) => (
                <textarea
                  {...p}
                  name="reason"
                  rows={3}
                  maxLength={2000}
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    submit.clearField('reason');
                  }}
                />
              )}
            </Field>
          ) : null}
          <button type="submit" className="btn" disabled={submit.busy}>
            {reassigning ? t('reassignSubmit') : t('assignSubmit')}
          </button>
          <ConfirmDialog
            open={confirming}
            title={reassigning ? t('reassignSubmit') : t('assignSubmit')}
            question={
              reassigning
                ? t('reassignConfirm', { task: taskTitle, from: holder, name: chosen?.displayName ?? '' })
                : t('assignConfirm', { task: taskTitle, name: chosen?.displayName ?? '' })
            }
            confirmLabel={t(reassigning ? 'reassignConfirmLabel' : 'assignConfirmLabel', { name: chosen?.displayName ?? '' })}
            onConfirm={() => void send()}
            onCancel={() => setConfirming(false)}
          />
        </form>
      )}
    </section>
  );
}
