import './suggestions.css';
import { useId, useRef, useState } from 'react';
import type { ResponseDetail, Suggestion } from '../../shared/api';
import type { SuggestionState } from '../../shared/model';
import { canDecideSuggestion } from '../../shared/permissions';
import { errorMessage } from '../api/ApiError';
import { suggesterName, SuggestionItem } from './SuggestionItem';
import { useSuggestionList, useSuggestionPassages, useSuggestionsContext } from './SuggestionsContext';

type Filter = SuggestionState | 'all';

const FILTERS: Array<{ value: Filter; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'stale', label: 'Stale' },
  { value: 'all', label: 'All' },
];

function emptyText(filter: Filter): string {
  switch (filter) {
    case 'open':
      return 'No open suggestions.';
    case 'accepted':
      return 'No accepted suggestions.';
    case 'rejected':
      return 'No rejected suggestions.';
    case 'stale':
      return 'No stale suggestions.';
    case 'all':
      return 'No suggestions yet.';
  }
}

/** A member whose suggestions the signed-in member may decide all at once. */
interface Suggester {
  userId: string;
  name: string;
  /** Open ones in open sections (those "Accept all" can accept). */
  acceptable: number;
  /** Open and stale ones (those "Reject all" rejects). */
  rejectable: number;
}

function suggestersToDecide(suggestions: readonly Suggestion[], response: ResponseDetail): Suggester[] {
  const sections = new Map(response.sections.map((section) => [section.id, section]));
  const byUser = new Map<string, Suggester>();
  for (const suggestion of suggestions) {
    const section = sections.get(suggestion.sectionId);
    if (!section || !canDecideSuggestion(response.me, section, response)) continue;
    if (suggestion.state !== 'open' && suggestion.state !== 'stale') continue;
    const entry = byUser.get(suggestion.by.userId) ?? { userId: suggestion.by.userId, name: suggesterName(suggestion.by), acceptable: 0, rejectable: 0 };
    entry.rejectable += 1;
    if (suggestion.state === 'open' && section.state === 'drafting') entry.acceptable += 1;
    byUser.set(suggestion.by.userId, entry);
  }
  return [...byUser.values()];
}

function headingIdOf(base: string, suggestionId: string): string {
  return `${base}-${suggestionId}`;
}

/** The response's suggestions beside its threads: filtered by state, in document order, each decided or replied to here. */
export function SuggestionsPanel({ response }: { response: ResponseDetail }) {
  const context = useSuggestionsContext();
  const { suggestions, status, error } = useSuggestionList();
  const passages = useSuggestionPassages();
  const [filter, setFilter] = useState<Filter>('open');
  const [message, setMessage] = useState('');
  const [bulkBusy, setBulkBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const filterName = useId();
  const idBase = useId();

  const order = new Map(response.sections.map((section, index) => [section.id, index]));
  const sections = new Map(response.sections.map((section) => [section.id, section]));
  // Sections in document order; within a section, oldest first (the store's order; sort is stable).
  const sorted = [...suggestions].sort((a, b) => (order.get(a.sectionId) ?? Infinity) - (order.get(b.sectionId) ?? Infinity));
  const shown = sorted.filter((suggestion) => filter === 'all' || suggestion.state === filter);

  if (!context) return null;
  const published = response.state === 'published';
  const suggesters = published ? [] : suggestersToDecide(suggestions, response);
  const counts = (value: Filter) => (value === 'all' ? suggestions.length : suggestions.filter((s) => s.state === value).length);

  const onDecided = (suggestionId: string) => {
    const ids = shown.map((suggestion) => suggestion.id);
    // Once the list is drawn again: if the decided one left it (or its buttons went), focus moves
    // to its heading, else the next one's, else the previous one's, else the list's own heading.
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      const index = ids.indexOf(suggestionId);
      const candidates = [suggestionId, ...ids.slice(index + 1), ...ids.slice(0, Math.max(index, 0)).reverse()];
      const next = candidates.map((id) => document.getElementById(headingIdOf(idBase, id))).find((element) => element !== null);
      (next ?? headingRef.current)?.focus();
    });
  };

  const decideAll = async (suggester: Suggester, decision: 'accept' | 'reject') => {
    const count = decision === 'accept' ? suggester.acceptable : suggester.rejectable;
    const what = `${count === 1 ? 'the suggestion' : `all ${count} suggestions`} by ${suggester.name}`;
    if (!window.confirm(decision === 'accept' ? `Accept ${what}? The text changes at once.` : `Reject ${what}?`)) return;
    setBulkBusy(true);
    try {
      const result = await context.store.decideAllBy(suggester.userId, decision);
      const done = result.decided.length;
      const verb = decision === 'accept' ? 'accepted' : 'rejected';
      const notes = result.notDecided.map(({ reason }) => reason);
      setMessage(
        `${done === 1 ? '1 suggestion' : `${done} suggestions`} by ${suggester.name} ${done === 1 ? 'was' : 'were'} ${verb}.` +
          (notes.length > 0 ? ` ${notes.length === 1 ? '1 was' : `${notes.length} were`} not: ${[...new Set(notes)].join('; ')}` : ''),
      );
    } catch (failure) {
      setMessage(`The suggestions by ${suggester.name} were not ${decision === 'accept' ? 'accepted' : 'rejected'}: ${errorMessage(failure)}`);
    } finally {
      setBulkBusy(false);
      requestAnimationFrame(() => {
        if (!document.activeElement || document.activeElement === document.body) headingRef.current?.focus();
      });
    }
  };

  return (
    <section className="panel suggestions" aria-labelledby={`${idBase}-heading`}>
      <h2 id={`${idBase}-heading`} ref={headingRef} tabIndex={-1}>
        Suggestions
      </h2>
      {published && <p className="threads__note">Suggestions are read-only now that the response is published</p>}
      <fieldset className="threads-filter">
        <legend className="threads-filter__legend">Show</legend>
        {FILTERS.map(({ value, label }) => (
          <label className="threads-filter__option" key={value}>
            <input
              className="threads-filter__input"
              type="radio"
              name={filterName}
              value={value}
              checked={filter === value}
              onChange={() => setFilter(value)}
            />
            {label} ({counts(value)})
          </label>
        ))}
      </fieldset>
      {suggesters.length > 0 && (
        <div className="suggestions__bulk" role="group" aria-labelledby={`${idBase}-bulk`}>
          <p className="suggestions__bulk-title" id={`${idBase}-bulk`}>
            Decide all of one member’s suggestions
          </p>
          <ul className="suggestions__bulk-list">
            {suggesters.map((suggester) => (
              <li key={suggester.userId} className="button-group">
                {suggester.acceptable > 0 && (
                  <button className="button button--secondary button--small" type="button" disabled={bulkBusy} onClick={() => void decideAll(suggester, 'accept')}>
                    Accept all by {suggester.name} ({suggester.acceptable})
                  </button>
                )}
                <button className="button button--secondary button--small" type="button" disabled={bulkBusy} onClick={() => void decideAll(suggester, 'reject')}>
                  Reject all by {suggester.name} ({suggester.rejectable})
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="hint threads__message" role="status">
        {message}
      </p>
      {error && (
        <p className="thread-error" role="alert">
          The suggestions could not be loaded: {error}
        </p>
      )}
      {status === 'loading' ? (
        <p>Loading suggestions…</p>
      ) : shown.length === 0 ? (
        <p>{emptyText(filter)}</p>
      ) : (
        <ol className="threads__list">
          {shown.map((suggestion) => (
            <li key={suggestion.id}>
              <SuggestionItem
                suggestion={suggestion}
                section={sections.get(suggestion.sectionId) ?? null}
                passage={passages.get(suggestion.id) ?? 'unknown'}
                headingId={headingIdOf(idBase, suggestion.id)}
                announce={setMessage}
                onDecided={onDecided}
              />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
