import type { ReactNode } from 'react';
import type { ResponseDetail } from '../../shared/api';
import { Link } from '../router/Link';
import { responsePath } from '../setup/paths';

/** A page of a response other than the response itself: the way back, the response's name, a heading. */
export function ResponseSubpage({ response, title, children }: { response: ResponseDetail; title: string; children: ReactNode }) {
  return (
    <div className="subpage">
      <p>
        <Link className="back-link" href={responsePath(response.id)}>
          Back to the response
        </Link>
      </p>
      <p className="caption">{response.title}</p>
      <h1>{title}</h1>
      {children}
    </div>
  );
}
