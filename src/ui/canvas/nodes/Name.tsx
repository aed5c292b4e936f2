import { Fragment } from 'react';

/** A Kubernetes name that may wrap after `-` or `.`, never mid-word (`deploy-test01-847654d57b-` / `4s27j`). */
export function Name({ text, className = 'name' }: { text: string; className?: string }) {
  const parts = text.split(/(?<=[-.])/);
  return (
    <span className={className} title={text}>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
