import './notifications.css';
import { useEffect, useState, type FormEvent } from 'react';
import { DELIVERY_LABELS, NOTIFICATION_DELIVERIES, NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type NotificationDelivery, type NotificationKind } from '../../shared/notifications';
import { preferencesSchema } from '../../shared/schemas/notifications';
import { errorMessage } from '../api/ApiError';
import { api } from '../api/http';
import { Link } from '../router/Link';
import { ErrorSummary } from '../ui/ErrorSummary';
import { usePageTitle } from '../ui/usePageTitle';

type Preferences = Record<NotificationKind, NotificationDelivery>;

/** How the person hears of each kind of notification: e-mail at once, a daily digest, or only in the app. */
export function PreferencesPage() {
  usePageTitle('What Countersign e-mails you');
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api('GET', '/api/notification-preferences', preferencesSchema).then(
      (body) => setPreferences(body.preferences as Preferences),
      (error: unknown) => setErrors([errorMessage(error)]),
    );
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!preferences) return;
    setBusy(true);
    setErrors([]);
    setSaved('');
    try {
      const body = await api('PUT', '/api/notification-preferences', preferencesSchema, { preferences });
      setPreferences(body.preferences as Preferences);
      setSaved('Your choices are saved.');
    } catch (error) {
      setErrors([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>What Countersign e-mails you</h1>
      <p>Everything is also in your <Link href="/notifications">notifications</Link>. A daily digest comes once a morning with what happened since the last one.</p>
      <ErrorSummary errors={errors} title="Your choices were not saved" />
      {!preferences && errors.length === 0 && <p role="status">Loading your choices…</p>}
      {preferences && (
        <form onSubmit={submit} noValidate>
          {NOTIFICATION_KINDS.map((kind) => (
            <fieldset className="form-group preferences-group" key={kind}>
              <legend className="label">{NOTIFICATION_KIND_LABELS[kind]}</legend>
              {NOTIFICATION_DELIVERIES.map((delivery) => (
                <div className="radio" key={delivery}>
                  <input
                    className="radio__input"
                    type="radio"
                    id={`pref-${kind}-${delivery}`}
                    name={`pref-${kind}`}
                    value={delivery}
                    checked={preferences[kind] === delivery}
                    onChange={() => setPreferences({ ...preferences, [kind]: delivery })}
                  />
                  <label className="radio__label" htmlFor={`pref-${kind}-${delivery}`}>
                    {DELIVERY_LABELS[delivery]}
                  </label>
                </div>
              ))}
            </fieldset>
          ))}
          <div className="button-group">
            <button className="button" type="submit" disabled={busy}>
              Save choices
            </button>
            <span className="hint" role="status">
              {saved}
            </span>
          </div>
        </form>
      )}
    </div>
  );
}
