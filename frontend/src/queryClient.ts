import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/problem';
import { queryKeys } from './api/hooks';

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      // A 401 anywhere but the session check means the session expired (or was ended in
      // another tab): re-read it, and the workspace guard sends the user to sign in.
      if (isApiError(error, 401) && query.queryKey[0] !== queryKeys.session[0]) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.session });
      }
    },
  }),
  defaultOptions: {
    queries: {
      // Client errors will not change on retry; network and server errors might.
      retry: (failures, error) => failures < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      refetchOnWindowFocus: false,
    },
  },
});
