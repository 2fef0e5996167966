// Renderer entry: pick the Api transport, mount the app.
import './lib/csp-no-eval';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/chart.css';
import './styles/targets.css';
import './styles/alerts.css';
import './styles/rule-editor.css';
import './styles/graph.css';
import './styles/explore.css';
import './styles/preview.css';
import './styles/datasources.css';
import './styles/remote-write.css';
import './styles/settings.css';
import './styles/dashboards.css';
import './styles/panel-editor.css';
import { createApi } from './api-client';
import { App } from './App';

const conn = createApi();
createRoot(document.getElementById('root')!).render(<App conn={conn} />);
