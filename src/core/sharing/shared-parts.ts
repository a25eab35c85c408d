import type { SynthesisSectionId } from '../synthesis/synthesis.js';

/**
 * What the "conclusion summary" the user agrees to share contains: these synthesis sections (confirmed skills,
 * interests and values, the project and its action plan), nothing of the intake. The counsellor channel card and
 * the counsellor tab both show exactly this, so the consent card's wording holds for both.
 */
export const CONCLUSION_SUMMARY_SECTIONS: readonly SynthesisSectionId[] = ['competences', 'project'];
