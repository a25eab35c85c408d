import type { SynthesisSectionId } from '../flow/flow-schema.js';

/**
 * What the "conclusion summary" the user agrees to share contains: these synthesis sections (the skills,
 * the project and its feasibility, the action plan), in the version the person edited; nothing of the intake. The counsellor channel card and
 * the counsellor tab both show exactly this, so the consent card's wording holds for both.
 */
export const CONCLUSION_SUMMARY_SECTIONS: readonly SynthesisSectionId[] = ['competences', 'project', 'plan'];
