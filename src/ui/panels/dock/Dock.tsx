import { useT } from '../../../i18n/react.ts';
import { usePlayground } from '../../../store/react.ts';
import {
  selectDockOpen,
  selectDockTab,
  selectSetDockOpen,
  selectSetDockTab,
} from '../../../store/selectors.ts';
import type { DockTab } from '../../../store/traffic-types.ts';
import { DistributionPanel } from '../distribution/DistributionPanel.tsx';
import { EventList } from '../events/EventList.tsx';
import { InspectorPanel } from '../inspect/InspectorPanel.tsx';
import { RulesPanel } from '../rules/RulesPanel.tsx';
import { TimelinePanel } from '../timeline/TimelinePanel.tsx';
import { WhyPanel } from '../why/WhyPanel.tsx';
import { useTrafficTestHook } from './use-traffic-test-hook.ts';

const DOCK_TABS: readonly DockTab[] = ['trace', 'events', 'rules', 'distribution', 'why', 'timeline'];

const PANELS: Record<DockTab, () => React.JSX.Element> = {
  trace: InspectorPanel,
  events: EventList,
  rules: RulesPanel,
  distribution: DistributionPanel,
  why: WhyPanel,
  timeline: TimelinePanel,
};

/** The tabbed dock under the editor: packet inspector, events, rules, distribution, endpoints, timeline. */
export function Dock() {
  const { t } = useT();
  const tab = usePlayground(selectDockTab);
  const open = usePlayground(selectDockOpen);
  const setTab = usePlayground(selectSetDockTab);
  const setOpen = usePlayground(selectSetDockOpen);
  useTrafficTestHook();
  const Panel = PANELS[tab];
  const onKeyDown = (e: React.KeyboardEvent) => {
    const i = DOCK_TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const id = DOCK_TABS[(next + DOCK_TABS.length) % DOCK_TABS.length]!;
    setTab(id);
    document.getElementById(`dock-tab-${id}`)?.focus();
  };
  return (
    <section className="dock" data-testid="dock" data-open={open} data-tab={tab} aria-label={t('dock.label')}>
      <div className="dock-bar">
        <div className="dock-tabs" role="tablist" aria-label={t('dock.label')} onKeyDown={onKeyDown}>
          {DOCK_TABS.map((id) => (
            <button
              key={id}
              id={`dock-tab-${id}`}
              type="button"
              role="tab"
              className="dock-tab"
              data-testid={`dock-tab-${id}`}
              aria-selected={open && tab === id}
              aria-controls="dock-panel"
              tabIndex={tab === id ? 0 : -1}
              onClick={() => (open && tab === id ? setOpen(false) : setTab(id))}
            >
              {t(`dock.tab.${id}`)}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="dock-toggle"
          data-testid="dock-toggle"
          aria-expanded={open}
          title={open ? t('dock.collapse') : t('dock.expand')}
          aria-label={open ? t('dock.collapse') : t('dock.expand')}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▴'}</span>
        </button>
      </div>
      {open && (
        <div id="dock-panel" className="dock-panel" role="tabpanel" aria-labelledby={`dock-tab-${tab}`}>
          <Panel />
        </div>
      )}
    </section>
  );
}
