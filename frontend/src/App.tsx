import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import antdZhCN from 'antd/es/locale/zh_CN';
import antdEnUS from 'antd/es/locale/en_US';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { queryClient } from './queryClient';
import { themeFor } from './theme';
import { useLargeText } from './lib/largeText';
import { applyLanguage, isLanguage } from './i18n';
import { useSession } from './api/hooks';
import { PublicLayout } from './components/PublicLayout';
import { HomePage } from './pages/portal/HomePage';

// Every page but the home page is its own chunk, loaded when first visited: the home page,
// where most visitors arrive (often on a phone), downloads only what it shows. Forms, tables
// and the whole workspace come later, and only to those who go there.
const SignInPage = lazy(() => import('./pages/SignInPage').then((m) => ({ default: m.SignInPage })));
const AgencySignUpPage = lazy(() => import('./pages/AgencySignUpPage').then((m) => ({ default: m.AgencySignUpPage })));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const DirectoryPage = lazy(() => import('./pages/portal/DirectoryPage').then((m) => ({ default: m.DirectoryPage })));
const AgencyPublicRoute = lazy(() =>
  import('./pages/portal/AgencyPublicPage').then((m) => ({ default: m.AgencyPublicRoute })),
);
const ResultRoute = lazy(() => import('./features/competition/ResultPage').then((m) => ({ default: m.ResultRoute })));
const NoticesPage = lazy(() => import('./features/procurement/NoticesPage').then((m) => ({ default: m.NoticesPage })));
const NoticeRoute = lazy(() => import('./features/procurement/NoticePage').then((m) => ({ default: m.NoticeRoute })));
const VerifyPage = lazy(() => import('./features/deliverables/VerifyPage').then((m) => ({ default: m.VerifyPage })));
const CertificatePage = lazy(() =>
  import('./features/deliverables/VerifyPage').then((m) => ({ default: m.CertificatePage })),
);
const OpenDataPage = lazy(() => import('./features/opendata/OpenDataPage').then((m) => ({ default: m.OpenDataPage })));
const ComplaintDecisionsPage = lazy(() =>
  import('./features/complaints/DecisionsPage').then((m) => ({ default: m.DecisionsPage })),
);
const WorkspaceRoutes = lazy(() => import('./pages/workspace/WorkspaceRoutes'));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalisedAntd>
        <AntApp>
          <BrowserRouter>
            <FollowAccountLanguage />
            <Routes>
              <Route element={<PublicLayout />}>
                <Route index element={<HomePage />} />
                <Route element={<LazyPage />}>
                  <Route path="signin" element={<SignInPage />} />
                  <Route path="signup/agency" element={<AgencySignUpPage />} />
                  <Route path="directory" element={<DirectoryPage />} />
                  <Route path="directory/:orgId" element={<AgencyPublicRoute />} />
                  <Route path="notices/:code/result" element={<ResultRoute />} />
                  <Route path="notices" element={<NoticesPage />} />
                  <Route path="notices/:code" element={<NoticeRoute />} />
                  <Route path="verify" element={<VerifyPage />} />
                  <Route path="verify/c/:code" element={<CertificatePage />} />
                  <Route path="open-data" element={<OpenDataPage />} />
                  <Route path="complaints" element={<ComplaintDecisionsPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
              <Route
                path="workspace/*"
                element={
                  <Suspense fallback={<Spin fullscreen />}>
                    <WorkspaceRoutes />
                  </Suspense>
                }
              />
            </Routes>
          </BrowserRouter>
        </AntApp>
      </LocalisedAntd>
    </QueryClientProvider>
  );
}

/** A public page still loading its chunk: the header and footer stay, a spinner fills the page. */
function LazyPage() {
  return (
    <Suspense fallback={<Spin size="large" style={{ display: 'block', paddingBlock: 96 }} />}>
      <Outlet />
    </Suspense>
  );
}

/** antd's own texts (pagination, empty tables, modals) follow the UI language. */
function LocalisedAntd({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const largeText = useLargeText();
  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? antdEnUS : antdZhCN}
      theme={themeFor(largeText)}
      // antd spaces out two-character Chinese labels ("登 录"); government sites do not.
      button={{ autoInsertSpace: false }}
    >
      {children}
    </ConfigProvider>
  );
}

/** When someone signs in, their saved language wins over this browser's. */
function FollowAccountLanguage() {
  const { data: session } = useSession();
  const language = session?.user.language;
  useEffect(() => {
    if (isLanguage(language)) void applyLanguage(language);
  }, [language]);
  return null;
}
