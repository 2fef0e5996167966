// The shell: navigation, connection banner, and the current view inside an error boundary.
import type { ApiConnection } from './api-client';
import { useEffect, useState } from 'react';
import { ApiContext, ReconnectEpochContext } from './api-context';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ErrorBoundary } from './components/ErrorBoundary';
import { HttpListenBanner } from './components/HttpListenBanner';
import { Nav } from './components/Nav';
import { parseHash } from './lib/route';
import { BrowserNotifications } from './notify/BrowserNotifications';
import { AlertsView } from './views/alerts/AlertsView';
import { RulesView } from './views/alerts/RulesView';
import { RuleEditorView } from './views/alerts/editor/RuleEditorView';
import { SilencesView } from './views/alerts/SilencesView';
import { DashboardPage } from './views/dashboards/DashboardPage';
import { DashboardsView } from './views/dashboards/DashboardsView';
import { parseDashboardLocation, useLocation } from './views/dashboards/dash-location';
import { DatasourcesView } from './views/DatasourcesView';
import { ExploreView } from './views/ExploreView';
import { GraphView } from './views/GraphView';
import { OverviewView } from './views/OverviewView';
import { PreviewView } from './views/PreviewView';
import { SettingsView } from './views/SettingsView';
import { TargetsView } from './views/TargetsView';

export function App({ conn }: { conn: ApiConnection }) {
  // Hash routes for the views; a dashboard is the path /d/<uid>/<slug> (Grafana's URLs).
  const loc = useLocation();
  const route = parseHash(loc.hash);
  const dashboard = parseDashboardLocation(loc.pathname, loc.search, loc.hash);
  const view = dashboard ? null : route.view;
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
          <Nav current={dashboard ? 'dashboards' : route.view} />
          <main className="main">
            <ConnectionBanner conn={conn} />
            <HttpListenBanner key={epoch} />
            <BrowserNotifications />
            {dashboard && (
              <ErrorBoundary what="Dashboard" key={`d-${dashboard.uid}`}>
                <DashboardPage uid={dashboard.uid} params={dashboard.params} />
              </ErrorBoundary>
            )}
            {view === 'dashboards' && (
              <ErrorBoundary what="Dashboards view" key="dashboards">
                <DashboardsView />
              </ErrorBoundary>
            )}
            {view === 'overview' && (
              <ErrorBoundary what="Overview" key="overview">
                <OverviewView />
              </ErrorBoundary>
            )}
            {view === 'graph' && (
              <ErrorBoundary what="Graph view" key="graph">
                <GraphView key={paramsKey} params={route.params} />
              </ErrorBoundary>
            )}
            {view === 'explore' && (
              <ErrorBoundary what="Explore view" key="explore">
                <ExploreView key={paramsKey} params={route.params} />
              </ErrorBoundary>
            )}
            {view === 'targets' && (
              <ErrorBoundary what="Targets view" key="targets">
                <TargetsView params={route.params} />
              </ErrorBoundary>
            )}
            {view === 'alerts' && (
              <ErrorBoundary what="Alerts view" key="alerts">
                <AlertsView key={paramsKey} params={route.params} />
              </ErrorBoundary>
            )}
            {view === 'rules' && (
              <ErrorBoundary what="Rules view" key="rules">
                <RulesView />
              </ErrorBoundary>
            )}
            {view === 'rule-editor' && (
              <ErrorBoundary what="Rule editor" key="rule-editor">
                <RuleEditorView key={paramsKey} params={route.params} />
              </ErrorBoundary>
            )}
            {view === 'silences' && (
              <ErrorBoundary what="Silences view" key="silences">
                <SilencesView key={paramsKey} params={route.params} />
              </ErrorBoundary>
            )}
            {view === 'datasources' && (
              <ErrorBoundary what="Datasources view" key="datasources">
                <DatasourcesView />
              </ErrorBoundary>
            )}
            {view === 'preview' && (
              <ErrorBoundary what="Preview" key="preview">
                <PreviewView params={route.params} />
              </ErrorBoundary>
            )}
            {view === 'settings' && (
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
