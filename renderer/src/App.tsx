// The shell: navigation, connection banner, and the current view inside an error boundary.
import type { ApiConnection } from './api-client';
import { useEffect, useState } from 'react';
import { ApiContext, ReconnectEpochContext } from './api-context';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { HttpListenBanner } from './components/HttpListenBanner';
import { Nav } from './components/Nav';
import { useHashRoute } from './hooks/useHashRoute';
import { DatasourcesView } from './views/DatasourcesView';
import { ExploreView } from './views/ExploreView';
import { GraphView } from './views/GraphView';
import { OverviewView } from './views/OverviewView';
import { PreviewView } from './views/PreviewView';
import { SettingsView } from './views/SettingsView';
import { TargetsView } from './views/TargetsView';

export function App({ conn }: { conn: ApiConnection }) {
  const route = useHashRoute();
  const paramsKey = route.params.toString();
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    if (!conn.onState) return;
    let dropped = false;
    return conn.onState((s) => {
      if (s === 'reconnecting') dropped = true;
      else if (s === 'open' && dropped) {
        dropped = false;
        setEpoch((e) => e + 1);
      }
    });
  }, [conn]);
  return (
    <ApiContext.Provider value={conn.api}>
      <ReconnectEpochContext.Provider value={epoch}>
        <div className="app">
          {/* The nav comes first in the DOM: its "Targets" link is the page's first "targets" text. */}
          <Nav current={route.view} />
          <main className="main">
            <ConnectionBanner conn={conn} />
            <HttpListenBanner key={epoch} />
            {route.view === 'overview' && (
              <ErrorBoundary what="Overview" key="overview">
                <OverviewView />
              </ErrorBoundary>
            )}
            {route.view === 'graph' && (
              <ErrorBoundary what="Graph view" key="graph">
                <GraphView key={paramsKey} params={route.params} />
              </ErrorBoundary>
            )}
            {route.view === 'explore' && (
              <ErrorBoundary what="Explore view" key="explore">
                <ExploreView key={paramsKey} params={route.params} />
              </ErrorBoundary>
            )}
            {route.view === 'targets' && (
              <ErrorBoundary what="Targets view" key="targets">
                <TargetsView params={route.params} />
              </ErrorBoundary>
            )}
            {route.view === 'datasources' && (
              <ErrorBoundary what="Datasources view" key="datasources">
                <DatasourcesView />
              </ErrorBoundary>
            )}
            {route.view === 'preview' && (
              <ErrorBoundary what="Preview" key="preview">
                <PreviewView params={route.params} />
              </ErrorBoundary>
            )}
            {route.view === 'settings' && (
              <ErrorBoundary what="Settings" key="settings">
                <SettingsView />
              </ErrorBoundary>
            )}
          </main>
        </div>
      </ReconnectEpochContext.Provider>
    </ApiContext.Provider>
  );
}
