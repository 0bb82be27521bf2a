export { IbcDemo, type DemoClient, type IbcDemoOptions } from './simulator.js';
export { demoIbcSettings, demoWalletSubscriptions } from './settings.js';
export {
  demoChains as ibcDemoChains,
  demoLinks as ibcDemoLinks,
  demoOutage as ibcDemoOutage,
  demoTimings as ibcDemoTimings,
  demoWallets as ibcDemoWallets,
  type DemoChainSpec as IbcDemoChainSpec,
  type DemoWalletSpec as IbcDemoWalletSpec,
  type Upkeep as IbcDemoUpkeep,
} from './scenario.js';
