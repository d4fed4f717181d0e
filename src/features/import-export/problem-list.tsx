// A list of problems in an input, each led by where it is (line, field) so the user can find and fix it.
import type { Problem } from '../../domain';

export function problemPlace(p: Problem): string {
  return [p.line !== undefined ? `Line ${p.line}` : '', p.field ?? ''].filter(Boolean).join(', ');
}

export function ProblemList({ problems, id }: { problems: readonly Problem[]; id?: string }) {
  return (
    <ol className="kp-problems" id={id}>
      {problems.map((p, i) => {
        const place = problemPlace(p);
        return (
          // Problems have no identity of their own and the list is replaced as a whole.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <li key={i}>
            {place && <strong className="kp-problems__place">{place}: </strong>}
            {p.message}
          </li>
        );
      })}
    </ol>
  );
}
