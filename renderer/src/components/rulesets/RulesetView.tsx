import type { Condition, Rule, Ruleset } from '../../../../shared/ruleset/schema.ts'
import { actionText, conditionText, rangeText, templatePieces } from './describe.ts'

/** A condition: a top-level and/or becomes a list, anything else one line. */
function ConditionView({
  condition,
  params,
}: {
  condition: Condition
  params: Ruleset['parameters']
}) {
  if ((condition.op === 'and' || condition.op === 'or') && condition.conditions.length > 1)
    return (
      <div className="rs-row">
        <span className="rs-label">{condition.op === 'and' ? 'When all of' : 'When any of'}</span>
        <ul className="rs-cond-list">
          {condition.conditions.map((c, i) => (
            <li key={i}>
              <code>{conditionText(c, params)}</code>
            </li>
          ))}
        </ul>
      </div>
    )
  return (
    <div className="rs-row">
      <span className="rs-label">When</span>
      <code>{conditionText(condition, params)}</code>
    </div>
  )
}

function Template({ text }: { text: string }) {
  return (
    <>
      {templatePieces(text).map((p, i) =>
        p.placeholder ? (
          <code key={i} className="rs-ph">
            {p.text}
          </code>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  )
}

function RuleCard({
  rule,
  order,
  params,
}: {
  rule: Rule
  order: number
  params: Ruleset['parameters']
}) {
  const headingId = `rule-${rule.id}`
  return (
    <li className="rs-rule">
      <div className="rs-rule-head">
        <span className="rs-order" aria-label={`Order ${order}`}>
          {order}
        </span>
        <h3 id={headingId}>{rule.id}</h3>
        <span className="muted small">priority {rule.priority}</span>
      </div>
      <ConditionView condition={rule.condition} params={params} />
      <div className="rs-row">
        <span className="rs-label">Then</span>
        <span>
          <strong>{actionText(rule.action, params)}</strong>
          {rule.action.note && <span className="muted"> — {rule.action.note}</span>}
        </span>
      </div>
      {rule.followUps && rule.followUps.length > 0 && (
        <div className="rs-row">
          <span className="rs-label">Follow-up</span>
          <span>
            {rule.followUps.map((f, i) => (
              <span key={i} className="rs-followup">
                <strong>{actionText(f, params)}</strong>
                {f.note && <span className="muted"> — {f.note}</span>}
              </span>
            ))}
          </span>
        </div>
      )}
      <div className="rs-row">
        <span className="rs-label">Explanation</span>
        <span className="rs-explain">
          <Template text={rule.explanation} />
        </span>
      </div>
      <blockquote className="rs-quote">{rule.description}</blockquote>
    </li>
  )
}

/** The rules in the order they are tried (priority, lowest first). */
export function RulesList({ ruleset }: { ruleset: Ruleset }) {
  const rules = [...ruleset.rules].sort((a, b) => a.priority - b.priority)
  return (
    <ol className="rs-rules" aria-label="Rules in priority order">
      {rules.map((r, i) => (
        <RuleCard key={r.id} rule={r} order={i + 1} params={ruleset.parameters} />
      ))}
    </ol>
  )
}

export function ParametersTable({ ruleset }: { ruleset: Ruleset }) {
  const entries = Object.entries(ruleset.parameters)
  if (!entries.length) return <p className="muted small">No parameters.</p>
  return (
    <table className="grid-table compact rs-params">
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col">Range</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, p]) => (
          <tr key={name} title={p.description}>
            <td>
              <code>{name}</code>
              <div className="muted rs-param-desc">{p.description}</div>
            </td>
            <td className="num">{String(p.default)}</td>
            <td>{rangeText(p)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function PredicatesList({ ruleset }: { ruleset: Ruleset }) {
  const entries = Object.entries(ruleset.predicates)
  if (!entries.length) return <p className="muted small">No predicates.</p>
  return (
    <dl className="rs-predicates">
      {entries.map(([name, p]) => (
        <div key={name}>
          <dt>
            <code>{name}</code>
          </dt>
          <dd>
            <code>{conditionText(p.condition, ruleset.parameters)}</code>
            <div className="muted small">{p.description}</div>
          </dd>
        </div>
      ))}
    </dl>
  )
}
