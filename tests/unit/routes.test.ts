// Addresses are built in one place and read back by the router unchanged.
import { describe, expect, it } from 'vitest';
import { parseHash } from '../../src/app/router';
import {
  BROWSE_HREF,
  cardHref,
  editHref,
  HOME_HREF,
  href,
  IMPORT_HREF,
  interviewHref,
  NEW_INTERVIEW_HREF,
  PATHS,
} from '../../src/components/routes';

describe('routes', () => {
  it('builds the fixed addresses', () => {
    expect(HOME_HREF).toBe('#/');
    expect(BROWSE_HREF).toBe('#/browse');
    expect(IMPORT_HREF).toBe('#/import');
  });

  it('keeps a card id with "/" as one segment the router reads back', () => {
    expect(cardHref('amazon-engineer/1.1')).toBe('#/card/amazon-engineer%2F1.1');
    const route = parseHash(editHref('amazon-engineer/1.1'));
    expect(route.path).toBe(PATHS.edit);
    expect(route.params).toEqual(['amazon-engineer/1.1']);
  });

  it('gives every interview screen an address under #/interviews that the router reads back', () => {
    expect(interviewHref()).toBe('#/interviews');
    expect(NEW_INTERVIEW_HREF).toBe('#/interviews/new');
    expect(parseHash(interviewHref('a/b c'))).toMatchObject({ path: PATHS.interviews, params: ['a/b c'] });
    expect(parseHash(interviewHref('x1', 'edit'))).toMatchObject({
      path: PATHS.interviews,
      params: ['x1', 'edit'],
    });
  });

  it('leaves empty query values out', () => {
    expect(href(PATHS.browse, { q: 'aws', level: '', kind: undefined })).toBe('#/browse?q=aws');
    expect(parseHash(href(PATHS.review, { levels: 'mid,senior' })).query.get('levels')).toBe('mid,senior');
  });
});
