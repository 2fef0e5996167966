// Exposes the Api of shared/api.ts as window.promdesk — narrow functions, never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { Api, ApiEvent, ApiMethod } from '../shared/api';

const call =
  (method: ApiMethod) =>
  (...params: unknown[]) =>
    ipcRenderer.invoke('promdesk:call', method, params);

const api: Api = {
  info: call('info') as Api['info'],
  listTargets: call('listTargets') as Api['listTargets'],
  addTarget: call('addTarget') as Api['addTarget'],
  updateTarget: call('updateTarget') as Api['updateTarget'],
  removeTarget: call('removeTarget') as Api['removeTarget'],
  setTargetPaused: call('setTargetPaused') as Api['setTargetPaused'],
  testScrape: call('testScrape') as Api['testScrape'],
  fetchExposition: call('fetchExposition') as Api['fetchExposition'],
  labelNames: call('labelNames') as Api['labelNames'],
  labelValues: call('labelValues') as Api['labelValues'],
  queryRange: call('queryRange') as Api['queryRange'],
  queryInstant: call('queryInstant') as Api['queryInstant'],
  checkQuery: call('checkQuery') as Api['checkQuery'],
  listDatasources: call('listDatasources') as Api['listDatasources'],
  putDatasource: call('putDatasource') as Api['putDatasource'],
  removeDatasource: call('removeDatasource') as Api['removeDatasource'],
  testDatasource: call('testDatasource') as Api['testDatasource'],
  remoteWriteStatus: call('remoteWriteStatus') as Api['remoteWriteStatus'],
  subscribe: call('subscribe') as Api['subscribe'],
  unsubscribe: call('unsubscribe') as Api['unsubscribe'],
  onEvent(listener: (event: ApiEvent) => void) {
    const handler = (_e: unknown, event: ApiEvent) => listener(event);
    ipcRenderer.on('promdesk:event', handler);
    return () => ipcRenderer.removeListener('promdesk:event', handler);
  },
};

contextBridge.exposeInMainWorld('promdesk', api);
