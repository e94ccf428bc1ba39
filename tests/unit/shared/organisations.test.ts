// The organisations' rules as tables: whose is an address, who may create responses, who may
// give whom which seat, who may sign for a role.
import { describe, expect, it } from 'vitest';
import { CAPACITIES, type Capacity } from '../../../shared/model';
import {
  appointmentProblem,
  createResponseProblem,
  DEFAULT_ORGANISATION,
  defaultHolder,
  initialRoleHolders,
  organisationOf,
  signOffOrganisationProblem,
  type Appointer,
  type Organisation,
} from '../../../shared/organisations';

const opcc: Organisation = {
  id: 'opcc',
  name: 'OPCC',
  domains: ['opcc.example'],
  provider: null,
  administrators: ['it@opcc.example'],
  createsResponses: true,
  roles: ['pcc', '*'],
};
const force: Organisation = {
  id: 'force',
  name: 'Force',
  domains: ['police.example'],
  provider: null,
  administrators: ['hq@police.example'],
  createsResponses: false,
  roles: ['chief_constable'],
};
const unit: Organisation = { ...force, id: 'rocu', name: 'Regional unit', domains: ['rocu.police.example'], roles: ['portfolio_lead'], administrators: [] };
const ALL = [opcc, force, unit];

describe('organisationOf', () => {
  it.each([
    ['pcc@opcc.example', 'opcc'],
    ['Chief@Police.Example', 'force'],
    ['someone@hq.police.example', 'force'],
    ['lead@rocu.police.example', 'rocu'],
    ['a@sub.rocu.police.example', 'rocu'],
    ['x@notpolice.example', null],
    ['x@example.org', null],
  ])('%s belongs to %s', (email, id) => {
    expect(organisationOf(email, ALL)?.id ?? null).toBe(id);
  });

  it('puts everyone in the default organisation, and a named domain wins over "*"', () => {
    expect(organisationOf('anyone@anywhere.example', [DEFAULT_ORGANISATION])?.id).toBe('default');
    expect(organisationOf('chief@police.example', [DEFAULT_ORGANISATION, force])?.id).toBe('force');
  });
});

describe('creating responses and holding roles', () => {
  it('lets only people of an organisation that creates responses create one', () => {
    expect(createResponseProblem(opcc)).toBeNull();
    expect(createResponseProblem(DEFAULT_ORGANISATION)).toBeNull();
    expect(createResponseProblem(force)).toMatch(/do not create responses/);
    expect(createResponseProblem(null)).toMatch(/none of the organisations/);
  });

  it('gives each role to the organisation naming it, "*" to the rest, the creator when nobody does', () => {
    expect(defaultHolder('chief_constable', ALL)?.id).toBe('force');
    expect(defaultHolder('portfolio_lead', ALL)?.id).toBe('rocu');
    expect(defaultHolder('treasurer', ALL)?.id).toBe('opcc');
    expect(initialRoleHolders(['pcc', 'chief_constable', 'treasurer'], force, [force, unit])).toEqual({ pcc: 'force', chief_constable: 'force', treasurer: 'force' });
  });
});

describe('appointmentProblem', () => {
  const opccAdmin: Appointer = { organisationId: 'opcc', responseAdministrator: true, administersOrganisations: [] };
  const forceAdmin: Appointer = { organisationId: 'force', responseAdministrator: false, administersOrganisations: ['force'] };
  const forceResponseAdmin: Appointer = { organisationId: 'force', responseAdministrator: true, administersOrganisations: [] };
  const forceMember: Appointer = { organisationId: 'force', responseAdministrator: false, administersOrganisations: [] };
  const chief = { role: 'chief_constable', holder: force };
  const targets = { force: { organisationId: 'force' }, opcc: { organisationId: 'opcc' }, none: { organisationId: null } };

  // actor, target, capacity -> allowed?
  const table: Array<[string, Appointer, keyof typeof targets, Capacity, boolean]> = [
    ['OPCC response admin', opccAdmin, 'force', 'signatory', false],
    ['OPCC response admin', opccAdmin, 'force', 'drafter', true],
    ['OPCC response admin', opccAdmin, 'force', 'viewer', true],
    ['OPCC response admin', opccAdmin, 'opcc', 'drafter', false],
    ['OPCC response admin', opccAdmin, 'opcc', 'viewer', true],
    ['OPCC response admin', opccAdmin, 'none', 'signatory', false],
    ['OPCC response admin', opccAdmin, 'none', 'viewer', true],
    ['force administrator', forceAdmin, 'force', 'signatory', true],
    ['force administrator', forceAdmin, 'opcc', 'signatory', false],
    ['force response admin', forceResponseAdmin, 'force', 'signatory', true],
    ['force member', forceMember, 'force', 'signatory', false],
    ['force member', forceMember, 'force', 'viewer', false],
  ];
  it.each(table)('%s giving a %s person the Chief Constable as %s: %s', (_who, actor, target, capacity, allowed) => {
    const problem = appointmentProblem({ actor, target: targets[target], seat: { role: chief.role, capacity }, holder: chief.holder });
    expect(problem === null, String(problem)).toBe(allowed);
  });

  it('checks only what changes: a signatory keeps their seat when an administrator changes something else', () => {
    const seat = { role: 'chief_constable', capacity: 'signatory' as const };
    expect(appointmentProblem({ actor: opccAdmin, target: targets.force, seat, previous: seat, holder: force })).toBeNull();
    // From drafter to signatory is a new signatory: vouched for by the force only.
    expect(appointmentProblem({ actor: opccAdmin, target: targets.force, seat, previous: { ...seat, capacity: 'drafter' }, holder: force })).toMatch(/Force's administrators/);
  });

  it('refuses every writing seat of a role no organisation holds', () => {
    for (const capacity of CAPACITIES) {
      const problem = appointmentProblem({ actor: opccAdmin, target: targets.opcc, seat: { role: 'x_role', capacity }, holder: null });
      expect(problem === null).toBe(capacity === 'viewer');
    }
  });
});

describe('signOffOrganisationProblem', () => {
  it('lets only people of the holding organisation sign for a role', () => {
    expect(signOffOrganisationProblem({ organisationId: 'force' }, 'chief_constable', force)).toBeNull();
    expect(signOffOrganisationProblem({ organisationId: 'opcc' }, 'chief_constable', force)).toBe('Only people of Force can sign off for the Chief Constable');
    expect(signOffOrganisationProblem({ organisationId: null }, 'chief_constable', force)).not.toBeNull();
    expect(signOffOrganisationProblem({ organisationId: 'force' }, 'chief_constable', null)).toMatch(/No organisation/);
  });
});
