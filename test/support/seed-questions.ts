// The #SMchat questions on reverse mentoring, verbatim and in order: five chat questions, then six follow-ups.
// Kept here (not read from the seed file) so the tests need nothing outside the project.
export const SEED_QUESTIONS = [
  'What are some examples of reverse mentoring and who’s doing it well?',
  'How can potential reverse mentors explain their benefit to senior-level mentees?',
  'How can experienced leaders learn from reverse mentoring in a way that is sensitive to their lack of knowledge of a subject?',
  'How does the level of seniority of the mentor or mentee impact the knowledge transferred?',
  'What strategies can mentors use to present a topic in a style that appeals to the mentee?',
  'What strategies must mentors adopt in order to present information that is understandable to the particular mentee?',
  'What impact does a more senior leader mentor have on an employee compared to a less senior level mentor?',
  'How can reverse mentors present information to senior leaders without undermining their experience and expertise in other areas?',
  'How can reverse mentors ensure that the information they are presenting is taken seriously and not undermined because of their level of position?',
  'Do reverse mentors have a great impact on a senior level mentee’s participation with new technologies such as social media, etc?',
  'How can we ensure that what is taught through reverse mentoring is not dismissed by senior level employees? Do we need to develop new strategies for implementing what is taught by a reverse mentor into daily life?',
];
