import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { AuthProvider, isAuthority, useAuth, useUser } from './auth';
import { DepartmentsProvider, Loading, NotFound } from './components/common';
import { I18nProvider, useI18n } from './i18n';
import { label, roleLabels } from './labels';
import { Link, RouterProvider, paths, useRouter } from './router';
import { CalendarView } from './views/calendar';
import { CaseView } from './views/case';
import { CasePrintView } from './views/case-print';
import { CasesView } from './views/cases';
import { CatalogueView } from './views/catalogue';
import { InboxView } from './views/inbox';
import { NewCaseView } from './views/new-case';
import { QueueView } from './views/queue';
import { SignInView } from './views/sign-in';
import { TaskView } from './views/task';
import type { Process } from './types';
import { UnreadProvider, useUnread } from './unread';
import { processes } from './api';

// The assessment brings ECharts: loaded when that page is opened, so the other pages stay light.
const AssessmentView = lazy(() => import('./views/assessment').then((m) => ({ default: m.AssessmentView })));

export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <AuthProvider>
          <Root />
        </AuthProvider>
      </RouterProvider>
    </I18nProvider>
  );
}

function Root() {
  const { user } = useAuth();
  const { segments, path, navigate } = useRouter();
  const onSignIn = segments[0] === 'signin';
  useEffect(() => {
    if (!user && !onSignIn) navigate(paths.signIn(path), { replace: true });
  }, [user, onSignIn, path, navigate]);
  if (!user) return onSignIn ? <SignInView /> : null;
  if (onSignIn) return <SignInView />;
  return (
    <DepartmentsProvider>
      <UnreadProvider>
        <Shell />
      </UnreadProvider>
    </DepartmentsProvider>
  );
}

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <button type="button" className="btn btn-ghost lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('switchLanguageLabel')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
      {t('switchLanguage')}
    </button>
  );
}

export function Header({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <div className="brand">
        <BrandMark />
        {/* One language at a time: the name in the interface's language, no subtitle in the other. */}
        <span className="brand-name">{t('appName')}</span>
      </div>
      <div className="topbar-tools">
        {children}
        <LanguageSwitch />
      </div>
    </header>
  );
}

/**
 * The product's emblem: a seal-like ring round three linked departments (data shared between them). Decorative — the
 * name beside it says what it is — so hidden from assistive technology and never a control.
 */
function BrandMark() {
  return (
    <svg className="brand-mark" data-testid="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#fff" />
      <circle cx="16" cy="16" r="11.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M16 9.5 21.6 19.25H10.4Z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
      <circle cx="16" cy="9.5" r="2.6" fill="currentColor" />
      <circle cx="21.6" cy="19.25" r="2.6" fill="currentColor" />
      <circle cx="10.4" cy="19.25" r="2.6" fill="currentColor" />
    </svg>
  );
}

function Shell() {
  const user = useUser();
  const { signOut } = useAuth();
  const { t, lang, pick } = useI18n();
  const { segments } = useRouter();
  const { count: unread } = useUnread();
  const section = segments[0] ?? 'tasks';
  const nav: { key: string; to: string; text: string; show: boolean }[] = [
    { key: 'tasks', to: paths.queue(), text: t('navQueue'), show: true },
    { key: 'cases', to: paths.cases(), text: t('navCases'), show: true },
    { key: 'catalogue', to: paths.catalogue(), text: t('navCatalogue'), show: true },
    { key: 'calendar', to: paths.calendar(), text: t('navCalendar'), show: true },
    { key: 'inbox', to: paths.inbox(), text: t('navInbox'), show: true },
    { key: 'assessment', to: paths.assessment(), text: t('navAssessment'), show: isAuthority(user) },
  ];
  return (
    <>
      <Header>
        <span className="who" data-testid="who">
          <span className="who-name">{user.displayName}</span>
          <span className="who-dept">{pick(user.departmentNameZh, user.departmentNameEn)}</span>
          <span className="sr-only">
            {t('rolesLabel')}: {user.roles.map((r) => label(roleLabels, r, lang)).join(', ')}
          </span>
        </span>
        <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </Header>
      <nav className="mainnav" aria-label={t('mainNav')}>
        <ul>
          {nav
            .filter((n) => n.show)
            .map((n) => (
              <li key={n.key}>
                <Link to={n.to} aria-current={section === n.key ? 'page' : undefined}>
                  {n.text}
                  {n.key === 'inbox' && unread > 0 ? (
                    <span className="badge" data-testid="unread-count">
                      {unread}
                      <span className="sr-only">{t('unreadCount')}</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        <Routes />
      </main>
    </>
  );
}

function Routes() {
  const { segments } = useRouter();
  const [first, second, third] = segments;
  switch (first) {
    case undefined:
    case 'tasks':
      return second ? <TaskView key={second} taskId={second} /> : <QueueView />;
    case 'cases':
      if (!second) return <CasesView />;
      if (second === 'new' && third && processes.includes(third as Process)) return <NewCaseView key={third} process={third as Process} />;
      if (processes.includes(second as Process) && third && segments[3] === 'print' && segments.length === 4) return <CasePrintView key={third} process={second as Process} id={third} />;
      if (processes.includes(second as Process) && third && segments.length === 3) return <CaseView key={third} process={second as Process} id={third} />;
      return <NotFound />;
    case 'catalogue':
      return <CatalogueView />;
    case 'calendar':
      return third === undefined ? <CalendarView month={second} /> : <NotFound />;
    case 'inbox':
      return <InboxView />;
    case 'assessment':
      return (
        <Suspense fallback={<Loading />}>
          <AssessmentView />
        </Suspense>
      );
    default:
      return <NotFound />;
  }
}
