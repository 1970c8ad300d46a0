-- Default catalogues every workspace starts with (team_id '' = install-wide).
INSERT INTO `topics` (`team_id`, `name`, `name_key`) VALUES
  ('', 'Social media', 'social media'),
  ('', 'Generative AI tools', 'generative ai tools'),
  ('', 'Short-form video', 'short-form video'),
  ('', 'Online communities and gaming', 'online communities and gaming'),
  ('', 'Personal brand on LinkedIn', 'personal brand on linkedin'),
  ('', 'Digital collaboration tools', 'digital collaboration tools'),
  ('', 'Inclusive language', 'inclusive language'),
  ('', 'Hybrid and remote work habits', 'hybrid and remote work habits'),
  ('', 'Online privacy and security', 'online privacy and security'),
  ('', 'Accessibility', 'accessibility'),
  ('', 'Sustainability', 'sustainability'),
  ('', 'What early-career colleagues expect from leaders', 'what early-career colleagues expect from leaders'),
  ('', 'Messaging apps and new platforms', 'messaging apps and new platforms'),
  ('', 'Data and analytics basics', 'data and analytics basics'),
  ('', 'Mobile-first habits', 'mobile-first habits'),
  ('', 'Lived experience and diversity', 'lived experience and diversity');
--> statement-breakpoint
-- The #SMchat questions on reverse mentoring, verbatim and in order: five chat questions, then six follow-ups.
INSERT INTO `prompts` (`team_id`, `position`, `text`) VALUES
  ('', 1, 'What are some examples of reverse mentoring and who’s doing it well?'),
  ('', 2, 'How can potential reverse mentors explain their benefit to senior-level mentees?'),
  ('', 3, 'How can experienced leaders learn from reverse mentoring in a way that is sensitive to their lack of knowledge of a subject?'),
  ('', 4, 'How does the level of seniority of the mentor or mentee impact the knowledge transferred?'),
  ('', 5, 'What strategies can mentors use to present a topic in a style that appeals to the mentee?'),
  ('', 6, 'What strategies must mentors adopt in order to present information that is understandable to the particular mentee?'),
  ('', 7, 'What impact does a more senior leader mentor have on an employee compared to a less senior level mentor?'),
  ('', 8, 'How can reverse mentors present information to senior leaders without undermining their experience and expertise in other areas?'),
  ('', 9, 'How can reverse mentors ensure that the information they are presenting is taken seriously and not undermined because of their level of position?'),
  ('', 10, 'Do reverse mentors have a great impact on a senior level mentee’s participation with new technologies such as social media, etc?'),
  ('', 11, 'How can we ensure that what is taught through reverse mentoring is not dismissed by senior level employees? Do we need to develop new strategies for implementing what is taught by a reverse mentor into daily life?');
