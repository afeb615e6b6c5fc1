import { useState, type FormEvent } from 'react';
import { useAuth } from '../auth';
import { ErrorSummary, Field, useSubmit } from '../components/forms';
import { PageTitle } from '../components/common';
import { useI18n } from '../i18n';
import { Header } from '../app';
import { paths, useRouter } from '../router';

const demoUsers = ['mzt.li', 'gat.zhang', 'scjgj.wang', 'data.chen', 'data.zhao', 'gov.sun', 'admin'];

export function SignInView() {
  const { t, lang } = useI18n();
  const { signIn } = useAuth();
  const { query, navigate } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = useSubmit(['username', 'password']);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const user = await submit.run(() => signIn(username.trim(), password));
    if (user) {
      const next = query.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : paths.queue(), { replace: true });
    }
  }

  const general = submit.general.map((g) => (lang === 'zh' && /Wrong user name or password/.test(g) ? '用户名或密码不正确' : g));
  return (
    <>
      <Header />
      <main id="main" className="signin" tabIndex={-1}>
        <div className="card signin-card">
          <PageTitle sub={t('signInIntro')}>{t('signInTitle')}</PageTitle>
          <form onSubmit={onSubmit} noValidate aria-label={t('signInTitle')}>
            <ErrorSummary formId="signin" fields={submit.fields} general={general} labels={{ username: t('username'), password: t('password') }} />
            <Field id="signin-username" label={t('username')} required error={submit.fields.username}>
              {(p) => <input {...p} name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />}
            </Field>
            <Field id="signin-password" label={t('password')} required error={submit.fields.password}>
              {(p) => <input {...p} name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
            </Field>
            <button type="submit" className="btn btn-primary" disabled={submit.busy}>
              {submit.busy ? t('signingIn') : t('signIn')}
            </button>
          </form>
          <details className="demo-users">
            <summary>{t('demoUsers')}</summary>
            <ul>
              {demoUsers.map((u) => (
                <li key={u}>
                  <button type="button" className="linkish" onClick={() => { setUsername(u); setPassword('demo1234'); }}>
                    {u}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        </div>
      </main>
    </>
  );
}
