import { expect } from 'chai';
import { emptyRecord, type AnswerValue, type BilanRecord } from '../../../src/core/bilan/bilan-record.js';
import type { Flow } from '../../../src/core/flow/flow-schema.js';
import { msg } from '../../../src/core/messages.js';
import { addMonths } from '../../../src/core/synthesis/action-plan.js';
import { buildSynthesis, SYNTHESIS_SECTIONS, type Synthesis, type SynthesisLine } from '../../../src/core/synthesis/synthesis.js';
import { nonAnswerTest } from '../../../src/core/text/non-answer.js';
import { realFlows, realTranslations } from '../../support/flows.js';

const NOW = new Date('2026-03-03T10:00:00.000Z');
const AT = '2026-02-10T09:00:00.000Z';

let flows: Flow[];
let isNonAnswer: (text: string) => boolean;
before(() => {
  flows = realFlows();
  isNonAnswer = nonAnswerTest(realTranslations().keywords('common:keywords.nonAnswer'));
});

const answer = (value: AnswerValue, flow = 'investigation') => ({ value, at: AT, flow, flowVersion: 1 });

/** Karim, warehouse team leader: a whole bilan, with a few non-answers typed on the way. */
function karim(): BilanRecord {
  const record = emptyRecord('user-1', new Date(AT));
  record.consent = { engagedAt: AT };
  record.answers = {
    p00_engagement: answer('yes', 'preliminaire'),
    p12_freedom: answer('some_pressure', 'preliminaire'),
    p01_trigger: answer('Je veux transmettre ce que je sais.', 'preliminaire'),
    p05_questions: answer('Mes 2000 € de CPF suffisent ?', 'preliminaire'),
    p11_funding: answer('cpf', 'preliminaire'),
    p14_constraints: answer(['working_hours', 'distance'], 'preliminaire'),
    i01_career_path: answer('2004 : CAP logistique. Cariste puis chef d’équipe depuis 2013.'),
    i07_outside_work: answer('Je suis arbitre de football le week-end.'),
    i08_knowledge_training: answer('je ne sais pas'),
    i09_story1_situation: answer('Un accident de chariot dans l’équipe.'),
    i11_story1_actions: answer('J’ai réécrit les consignes de sécurité et formé toute l’équipe.'),
    i12_story1_result: answer('Zéro accident depuis 14 mois.'),
    i25_values_first: answer('usefulness'),
    i25_values_second: answer('autonomy'),
    i28_energy_gives: answer('J’ai un peu déjà répondu avant.'),
    i28_energy_drains: answer('Bonjour'),
    i56_training_time: answer('few_hours_week'),
    c01_main_project: answer('Devenir formateur CACES en sécurité.', 'conclusion'),
    c09_step1_action: answer('Appeler deux organismes de formation', 'conclusion'),
    c09_step1_date: answer('within_3_months', 'conclusion'),
    c10_step1_resources: answer(['cpf', 'training'], 'conclusion'),
    c17_satisfaction: answer(4, 'conclusion'),
  };
  record.skills = [
    { id: 'k1', label: 'Former des collaborateurs', kind: 'savoir-faire', source: 'extracted', evidence: ['formé'], question: 'i11_story1_actions', confirmedAt: AT },
    { id: 'k1', label: 'Former des collaborateurs', kind: 'savoir-faire', source: 'extracted', evidence: ['je forme'], question: 'i02_missions_current', confirmedAt: AT },
    { label: 'former des Collaborateurs', source: 'user', evidence: [], question: 'i18_tools', confirmedAt: AT },
    { id: 'k2', label: 'Règles de sécurité', kind: 'savoir', source: 'extracted', evidence: ['sécurité'], question: 'i02_missions_current', confirmedAt: AT },
    { id: 'k3', label: 'Gestion des stocks', kind: 'savoir', source: 'extracted', evidence: ['stocks'], question: 'i02_missions_previous', confirmedAt: AT },
    { id: 'k4', label: 'Calme', kind: 'savoir-être', source: 'extracted', evidence: ['calme'], question: 'i19_three_words', confirmedAt: AT },
  ];
  record.interests = { holland: 'SRC', scores: { S: 3, R: 2, C: 1 }, computedAt: AT };
  record.questionsForCounsellor = [{ text: 'Faut-il le CACES pour enseigner ?', question: 'c01_main_project', at: AT }, { text: '?', question: 'c01_main_project', at: AT }];
  record.comments = [{ text: 'Merci à Zoë', at: AT }];
  return record;
}

const build = (record = karim()) => buildSynthesis(record, flows, NOW, { isNonAnswer });
const section = (s: Synthesis, id: string) => s.sections.find((x) => x.id === id)!;
const ids = (s: Synthesis, id: string) => section(s, id).lines.map((l) => l.id);
const allLines = (s: Synthesis): SynthesisLine[] => s.sections.flatMap((x) => x.lines);

describe('synthesis model: sections from the flows’ declarations', () => {
  it('has the ten sections of the document in order, each marked empty on an empty record', () => {
    const s = buildSynthesis(emptyRecord('u', NOW), flows, NOW);
    expect(s.sections.map((x) => x.id)).to.deep.equal([...SYNTHESIS_SECTIONS]);
    expect(s.sections.every((x) => x.empty && x.lines.length === 0)).to.equal(true);
    expect(s.status).to.equal('draft');
  });

  it('puts each answer where its question declares it, and leaves out undeclared ones (consent, pressure, satisfaction)', () => {
    const s = build();
    expect(ids(s, 'demand')).to.deep.equal(['p01_trigger', 'p11_funding', 'engaged_at']);
    expect(ids(s, 'career')).to.deep.equal(['i01_career_path', 'i07_outside_work']);
    const questions = allLines(s).flatMap((l) => l.questions);
    for (const absent of ['p00_engagement', 'p12_freedom', 'c17_satisfaction']) expect(questions, absent).not.to.include(absent);
  });

  it('opens the career path with the jobs the person confirmed, as they named them, the current one marked', () => {
    const record = karim();
    record.jobs = [
      { code: 'N1101', label: 'Cariste', said: 'cariste', question: 'i01_career_path', confirmedAt: AT },
      { code: 'N1303', label: 'Approvisionneur logistique', said: "chef d'équipe en entrepôt", current: true, question: 'i01_career_path', confirmedAt: AT },
      { label: 'référent zéro déchet', question: 'i01_career_path', confirmedAt: AT },
    ];
    const career = section(build(record), 'career').lines;
    expect(career[0]?.id).to.equal('jobs');
    expect(career[0]?.value).to.deep.equal({ kind: 'jobs', items: [
      { label: 'cariste', current: false },
      { label: "chef d'équipe en entrepôt", current: true },
      { label: 'référent zéro déchet', current: false },
    ] });
    expect(ids(build(), 'career'), 'no line without confirmed jobs').to.not.include('jobs');
  });

  it('puts the reaction to the results with the options explored, under its label', () => {
    const record = karim();
    record.answers['c02_results_reaction'] = answer('L’organisation comme point fort me surprend.', 'conclusion');
    const reaction = section(build(record), 'explorations').lines.find((l) => l.id === 'c02_results_reaction');
    expect(reaction?.value).to.deep.equal({ kind: 'text', text: 'L’organisation comme point fort me surprend.' });
    expect(reaction?.label).to.deep.equal(msg('synthesis:labels.c02_results_reaction'));
  });

  it('a question declared in a flow feeds its section without any code change', () => {
    const changed = structuredClone(flows);
    const question = changed.flatMap((f) => f.steps).find((st) => st.id === 'i07_outside_work');
    if (question?.type !== 'question') throw new Error('no i07_outside_work');
    question.synthesis = { section: 'achievements' };
    const s = buildSynthesis(karim(), changed, NOW, { isNonAnswer });
    expect(ids(s, 'career')).not.to.include('i07_outside_work');
    expect(ids(s, 'achievements')).to.include('i07_outside_work');
    delete (question as { synthesis?: unknown }).synthesis;
    expect(allLines(buildSynthesis(karim(), changed, NOW, { isNonAnswer })).some((l) => l.id === 'i07_outside_work')).to.equal(false);
  });

  it('merges the answers declared with the same "join" into one line (three values → one)', () => {
    const values = section(build(), 'interests').lines.find((l) => l.id === 'values')!;
    expect(values.value).to.deep.include({ kind: 'choice', values: ['usefulness', 'autonomy'] });
    expect(values.questions).to.deep.equal(['i25_values_first', 'i25_values_second']);
    expect(values.label).to.deep.equal(msg('synthesis:labels.values'));
  });
});

describe('synthesis model: achievements, competences, interests', () => {
  it('condenses each story into one achievement with the skills found in its answers', () => {
    const [story] = section(build(), 'achievements').lines;
    expect(story!.id).to.equal('story.1');
    expect(story!.value).to.deep.include({ kind: 'story', index: 1 });
    if (story!.value.kind !== 'story') throw new Error('not a story');
    expect(story!.value.parts).to.deep.equal({
      situation: 'Un accident de chariot dans l’équipe.',
      actions: 'J’ai réécrit les consignes de sécurité et formé toute l’équipe.',
      result: 'Zéro accident depuis 14 mois.',
    });
    expect(story!.value.skills.map((k) => k.label)).to.deep.equal(['Former des collaborateurs']);
  });

  it('prints a story part once: the same words for two parts, a second story or another question appear once', () => {
    const record = karim();
    const taught = 'J’aime expliquer les choses et voir l’équipe progresser.';
    Object.assign(record.answers, {
      i08_knowledge_training: answer(taught),
      i11_story1_actions: answer(taught),
      i12_story1_result: answer(`${taught.toUpperCase()} Et le reste.`),
      i09_story2_situation: answer('Un accident de chariot dans l’équipe !'),
      i11_story2_actions: answer('J’ai monté un quart d’heure sécurité chaque lundi.'),
    });
    const s = build(record);
    const stories = section(s, 'achievements').lines.map((l) => (l.value.kind === 'story' ? l.value.parts : {}));
    expect(stories).to.deep.equal([
      { situation: 'Un accident de chariot dans l’équipe.', actions: taught },
      { actions: 'J’ai monté un quart d’heure sécurité chaque lundi.' },
    ]);
    expect(ids(s, 'career')).not.to.include('i08_knowledge_training');
  });

  it('shows words given to two questions once, under the later one: the main project is never lost to a first expectation', () => {
    const record = karim();
    const words = 'Devenir formateur en logistique.';
    Object.assign(record.answers, { p05_questions: answer(words, 'preliminaire'), c01_main_project: answer(words, 'conclusion') });
    const s = build(record);
    expect(ids(s, 'project')).to.include('c01_main_project');
    expect(allLines(s).filter((l) => l.value.kind === 'text' && l.value.text === words)).to.have.length(1);
  });

  it('curates skills: duplicates merged, those serving the project first, then by kind', () => {
    const lines = section(build(), 'competences').lines.filter((l) => l.id.startsWith('skills.'));
    const shown = lines.map((l) => [l.id, l.value.kind === 'skills' ? l.value.items.map((i) => i.label) : []]);
    expect(shown).to.deep.equal([
      ['skills.project', ['Former des collaborateurs', 'Règles de sécurité']],
      ['skills.savoir', ['Gestion des stocks']],
      ['skills.savoir-être', ['Calme']],
    ]);
  });

  it('gives the Holland code for the renderer to explain, first in interests', () => {
    expect(section(build(), 'interests').lines[0]!.value).to.deep.equal({ kind: 'holland', code: 'SRC' });
  });
});

describe('synthesis model: plan, feasibility, open questions', () => {
  it('dates each step from its horizon, counted from the day it was answered', () => {
    const step = section(build(), 'plan').lines.find((l) => l.id === 'step.1')!;
    expect(step.value).to.deep.include({ kind: 'step', index: 1, action: 'Appeler deux organismes de formation', dueBy: '2026-05-10' });
    expect(step.questions).to.deep.equal(['c09_step1_action', 'c09_step1_date', 'c10_step1_resources']);
  });

  it('adds months without overflowing short months', () => {
    expect(addMonths('2026-01-31T10:00:00.000Z', 1)).to.equal('2026-02-28');
    expect(addMonths('2026-11-15T10:00:00.000Z', 3)).to.equal('2027-02-15');
  });

  it('flags what conflicts: the CPF paying both the bilan and the training, time, mobility', () => {
    expect(ids(build(), 'project').filter((id) => id.startsWith('conflict.'))).to.deep.equal(['conflict.sameCpf', 'conflict.timeConstraints', 'conflict.mobility']);
    const noTime = karim();
    noTime.answers['i56_training_time'] = answer('none_now');
    expect(ids(build(noTime), 'project').filter((id) => id.startsWith('conflict.')), 'one time conflict, not two').to.deep.equal(['conflict.sameCpf', 'conflict.noTrainingTime', 'conflict.mobility']);
    const free = karim();
    free.answers['p11_funding'] = answer('employer_plan', 'preliminaire');
    free.answers['c10_step1_resources'] = answer(['professional_network'], 'conclusion');
    expect(ids(build(free), 'project').filter((id) => id.startsWith('conflict.'))).to.deep.equal([]);
  });

  it('never quotes a non-answer: "je ne sais pas", a greeting, "déjà répondu" become questions for the consultant', () => {
    const s = build();
    const text = JSON.stringify(s.sections.filter((x) => x.id !== 'questions'));
    for (const said of ['je ne sais pas', 'Bonjour', 'déjà répondu']) expect(text).not.to.include(said);
    expect(ids(s, 'questions')).to.deep.equal(['p05_questions', 'unsure.i08_knowledge_training', 'unsure.i28_energy_gives', 'unsure.i28_energy_drains', 'asked.1']);
    expect(JSON.stringify(section(s, 'questions'))).not.to.match(/je ne sais pas|Bonjour|"\?"/);
  });

  it('lists an answer marked unsure for the consultant, without its words', () => {
    const record = karim();
    record.answers['c01_main_project'] = { ...answer('Formateur, peut-être', 'conclusion'), unsure: true };
    const s = build(record);
    expect(ids(s, 'project')).not.to.include('c01_main_project');
    expect(section(s, 'questions').lines.find((l) => l.id === 'unsure.c01_main_project')!.value).to.deep.equal({ kind: 'unsure' });
  });
});

describe('synthesis model: the person’s edits', () => {
  it('removes and rewords skills, achievements and steps; nothing else changes', () => {
    const record = karim();
    record.synthesisEdits = {
      removed: ['skill.calme', 'step.1'],
      reworded: { 'skill.regles-de-securite': 'Prévention des risques', 'story.1': 'Zéro accident en 14 mois après ma formation sécurité.' },
      at: AT,
    };
    const s = build(record);
    expect(s.edited).to.equal(true);
    expect(ids(s, 'competences')).not.to.include('skills.savoir-être');
    const project = section(s, 'competences').lines.find((l) => l.id === 'skills.project')!;
    expect(project.value.kind === 'skills' && project.value.items.map((i) => i.label)).to.deep.equal(['Former des collaborateurs', 'Prévention des risques']);
    expect(section(s, 'achievements').lines[0]!.value).to.deep.include({ text: 'Zéro accident en 14 mois après ma formation sécurité.' });
    expect(ids(s, 'plan')).not.to.include('step.1');
    expect(build().edited).to.equal(false);
  });

  it('a removed or reworded skill is so in the occupations it matches too (found by its taxonomy id)', () => {
    const record = karim();
    const item = (id: string, label: string) => ({ id, label });
    record.explorations = [{ code: 'K2111', label: 'Formateur', matchedSkills: [item('k1', 'Former des collaborateurs'), item('k3', 'Gestion des stocks')], gaps: [item('k9', 'Pédagogie')], keptAt: AT }];
    record.synthesisEdits = { removed: ['skill.gestion-des-stocks'], reworded: { 'skill.former-des-collaborateurs': 'Former des adultes' }, at: AT };
    const occupation = section(build(record), 'explorations').lines.find((l) => l.id === 'occupation.1')!.value;
    expect(occupation.kind === 'occupation' && occupation.matched.map((s) => s.label)).to.deep.equal(['Former des adultes']);
    expect(occupation.kind === 'occupation' && occupation.gaps.map((s) => s.label)).to.deep.equal(['Pédagogie']);
  });
});
