import type { RoleId, Section } from '../../shared/model';
import { roleLabel } from '../../shared/roles';
import { formatDateTime } from '../format/dates';
import { RoleBadge } from '../ui/RoleBadge';

/** The owner badge's words, as `whyReadOnly` phrases them. */
export function ownerText(role: RoleId): string {
  return `Owned by ${roleLabel(role)}`;
}

/** A section's owner and state: "Owned by Chief Constable", "Signed off by NAME, DATE TIME". */
export function SectionMeta({ section, ownerId }: { section: Section; ownerId?: string }) {
  return (
    <div className="section-meta">
      <RoleBadge role={section.ownerRole} id={ownerId} text={ownerText(section.ownerRole)} />
      {section.state === 'signed_off' && section.signOff ? (
        <span className="section-state section-state--signed">
          Signed off by {section.signOff.name}, {formatDateTime(section.signOff.at)}
        </span>
      ) : (
        <span className="section-state">{section.state === 'signed_off' ? 'Signed off' : 'Drafting'}</span>
      )}
    </div>
  );
}
