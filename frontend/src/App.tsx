import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import antdZhCN from 'antd/es/locale/zh_CN';
import antdEnUS from 'antd/es/locale/en_US';
import { BrowserRouter, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { queryClient } from './queryClient';
import { themeFor } from './theme';
import { useLargeText } from './lib/largeText';
import { applyLanguage, isLanguage } from './i18n';
import { useSession } from './api/hooks';
import { PublicLayout } from './components/PublicLayout';
import { HomePage } from './pages/portal/HomePage';
import { SignInPage } from './pages/SignInPage';
import { AgencySignUpPage } from './pages/AgencySignUpPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { DirectoryPage } from './pages/portal/DirectoryPage';
import { AgencyPublicRoute } from './pages/portal/AgencyPublicPage';

// The workspace is a separate chunk: anonymous visitors of the portal never download it.
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
                <Route path="signin" element={<SignInPage />} />
                <Route path="signup/agency" element={<AgencySignUpPage />} />
                <Route path="directory" element={<DirectoryPage />} />
                <Route path="directory/:orgId" element={<AgencyPublicRoute />} />
                <Route path="*" element={<NotFoundPage />} />
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
