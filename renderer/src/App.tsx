import { lazy, Suspense, useCallback, useState } from 'react'
import { Landing } from './today/Landing.tsx'
import { assertNever } from '../../shared/result.ts'
import { LeaveDialog } from './components/LeaveDialog.tsx'
import { api } from './lib/api.ts'
import { useRoute } from './lib/router.ts'
import { useTheme } from './lib/theme.ts'
import { useApi } from './lib/useApi.ts'

// Each page is its own chunk, fetched the first time it is shown (same-origin, so the CSP's
// script-src 'self' allows it): the first paint loads only the shell, and the chart library
// comes with the pages that chart.
const TodayPage = lazy(() =>
  import('./today/TodayPage.tsx').then((m) => ({ default: m.TodayPage })),
)
const PositionsPage = lazy(() =>
  import('./pages/PositionsPage.tsx').then((m) => ({ default: m.PositionsPage })),
)
const PositionDetailPage = lazy(() =>
  import('./positions/detail/PositionDetailPage.tsx').then((m) => ({
    default: m.PositionDetailPage,
  })),
)
const MarketPage = lazy(() =>
  import('./pages/MarketPage.tsx').then((m) => ({ default: m.MarketPage })),
)
const RulesetsPage = lazy(() =>
  import('./pages/RulesetsPage.tsx').then((m) => ({ default: m.RulesetsPage })),
)
const ReviewPage = lazy(() =>
  import('./review/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })),
)
const LabPage = lazy(() => import('./lab/LabPage.tsx').then((m) => ({ default: m.LabPage })))
const LabTradePage = lazy(() =>
  import('./lab/replay/LabTradePage.tsx').then((m) => ({ default: m.LabTradePage })),
)
const SettingsPage = lazy(() =>
  import('./settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })),
)

/** Shown while a page's chunk loads (a local file: a moment at most). */
function PageLoading() {
  return (
    <section className="page">
      <p className="muted">Loading…</p>
    </section>
  )
}

export function App() {
  const { route, pending, leave, stay } = useRoute()
  const [theme, toggleTheme] = useTheme()
  // A restore or another journal replaces everything on screen: each page mounts afresh under
  // a new key and reads its data again; the message says what happened.
  const [journal, setJournal] = useState({ epoch: 0, notice: undefined as string | undefined })
  const info = useApi(() => api['app:info']({}), `info-${journal.epoch}`)
  // With no page in the address the app lands on Today or Positions (see Landing).
  const [landed, setLanded] = useState<'today' | 'positions' | null>(null)
  const onLanded = useCallback((page: 'today' | 'positions') => setLanded(page), [])
  const current = route.page === 'home' ? landed : route.page
  // The message belongs to the Settings page it was shown on; going to another page clears it.
  const [shownOn, setShownOn] = useState(route.page)
  if (route.page !== shownOn) {
    setShownOn(route.page)
    if (journal.notice) setJournal({ ...journal, notice: undefined })
  }
  return (
    <div className="app">
      {/* Focuses the page without touching the hash, which is the route. */}
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        Skip to content
      </a>
      <nav className="topbar" aria-label="Main">
        <span className="brand">Wingman</span>
        <a href="#/today" aria-current={current === 'today' ? 'page' : undefined}>
          Today
        </a>
        <a
          href="#/positions"
          aria-current={current === 'positions' || current === 'position' ? 'page' : undefined}
        >
          Positions
        </a>
        <a href="#/market" aria-current={current === 'market' ? 'page' : undefined}>
          Market
        </a>
        <a href="#/rulesets" aria-current={current === 'rulesets' ? 'page' : undefined}>
          Rulesets
        </a>
        <a href="#/review" aria-current={current === 'review' ? 'page' : undefined}>
          Review
        </a>
        <a
          href="#/lab"
          aria-current={current === 'lab' || current === 'labTrade' ? 'page' : undefined}
        >
          Lab
        </a>
        <a href="#/settings" aria-current={current === 'settings' ? 'page' : undefined}>
          Settings
        </a>
        <span className="spacer" />
        <span className="muted db-path" title={info.data?.databasePath}>
          {info.error
            ? `Journal unavailable: ${info.error.message}`
            : info.data
              ? `Journal: ${info.data.databasePath}`
              : ''}
        </span>
        <button
          type="button"
          className="btn ghost"
          onClick={toggleTheme}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </nav>
      {info.data?.problem && (
        // the core's text says what is wrong and how to salvage the journal
        <div className="journal-banner" role="alert">
          <strong>
            {info.data.readOnly ? 'This journal is open read-only.' : 'Journal problem.'}
          </strong>{' '}
          {info.data.problem}
        </div>
      )}
      <main id="main" tabIndex={-1} key={journal.epoch}>
        <Suspense fallback={<PageLoading />}>{renderRoute()}</Suspense>
      </main>
      <LeaveDialog pending={pending} onLeave={leave} onStay={stay} />
    </div>
  )

  function renderRoute() {
    switch (route.page) {
      case 'home':
        return (
          <Landing
            positions={<PositionsPage />}
            today={(initial) => <TodayPage initial={initial} />}
            onLanded={onLanded}
          />
        )
      case 'today':
        return <TodayPage />
      case 'positions':
        return <PositionsPage />
      case 'position':
        return <PositionDetailPage id={route.id} decide={route.decide} />
      case 'market':
        return <MarketPage theme={theme} />
      case 'rulesets':
        return <RulesetsPage id={route.id} />
      case 'review':
        return <ReviewPage />
      case 'lab':
        return <LabPage runId={route.runId} />
      case 'labTrade':
        return <LabTradePage runId={route.runId} tradeKey={route.tradeKey} />
      case 'settings':
        return (
          <SettingsPage
            notice={journal.notice}
            onJournalReplaced={(notice) => setJournal((j) => ({ epoch: j.epoch + 1, notice }))}
          />
        )
      default:
        return assertNever(route, 'route')
    }
  }
}
