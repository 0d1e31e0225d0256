Feature: Cauda equina syndrome
  Cauda equina syndrome is a surgical emergency. Any cauda equina feature makes the triage an
  emergency, whatever else the patient has. The features are saddle anaesthesia, urinary retention,
  new urinary or faecal incontinence, reduced anal tone, new sexual dysfunction, sciatica in both
  legs, and leg weakness that is getting worse with pain in both legs. The bladder, bowel, saddle and
  sexual features also put cauda equina syndrome first in the differential; sciatica in both legs and
  worsening weakness in both legs call for it to be excluded now, and list it apart as not to be
  missed, without establishing it. Leaving a feature unexamined never counts as its absence.

  Rule: Each bladder, bowel, saddle or sexual feature on its own is a red flag: emergency triage, cauda equina syndrome first

    @CES-001 @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007
    Scenario Outline: A patient with back pain and <feature>
      Given a 45-year-old man with back pain
      And he has <feature>
      Then the triage is emergency
      And the red flags include suspected cauda equina syndrome
      And cauda equina syndrome is put first by rule <red flag rule>
      And rule <red flag rule> is part of the basis
      And rule CES-001 is part of the basis

      Examples:
        | feature                  | red flag rule |
        | saddle anaesthesia       | CES-002       |
        | urinary retention        | CES-003       |
        | new urinary incontinence | CES-004       |
        | new faecal incontinence  | CES-005       |
        | reduced anal tone        | CES-006       |
        | new sexual dysfunction   | CES-007       |

    @CES-001 @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007 @CES-008
    Scenario Outline: The same patient without <feature>
      Given a 45-year-old man with back pain
      And there is no <feature>
      Then the triage is routine
      And there are no red flags
      And cauda equina syndrome is not first in the differential
      And rule <red flag rule> is not part of the basis
      And rule CES-001 is not part of the basis

      Examples:
        | feature                  | red flag rule |
        | saddle anaesthesia       | CES-002       |
        | urinary retention        | CES-003       |
        | new urinary incontinence | CES-004       |
        | new faecal incontinence  | CES-005       |
        | reduced anal tone        | CES-006       |
        | new sexual dysfunction   | CES-007       |
        | sciatica in both legs    | CES-008       |

    @CES-001 @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007 @CES-008
    Scenario Outline: The same patient, <feature> not checked
      Given a 45-year-old man with back pain
      And <feature> was not checked
      Then the triage is routine
      And there are no red flags
      And rule <red flag rule> is not part of the basis
      And rule CES-001 is not part of the basis

      Examples:
        | feature                  | red flag rule |
        | saddle anaesthesia       | CES-002       |
        | urinary retention        | CES-003       |
        | new urinary incontinence | CES-004       |
        | new faecal incontinence  | CES-005       |
        | reduced anal tone        | CES-006       |
        | new sexual dysfunction   | CES-007       |
        | sciatica in both legs    | CES-008       |

  Rule: Sciatica in both legs is a red flag: cauda equina syndrome is to be excluded now, without being put first

    @CES-008 @CES-001
    Scenario: Sciatica in both legs, no bladder, bowel or saddle symptom recorded
      Given a 45-year-old man with back pain
      And he has sciatica in both legs
      Then the triage is emergency
      And the red flags include suspected cauda equina syndrome, to be excluded
      And cauda equina syndrome is listed as not to be missed
      And cauda equina syndrome is not first in the differential
      And rule CES-008 is part of the basis
      And rule CES-001 is part of the basis

    @CES-008 @CES-002
    Scenario: Sciatica in both legs with saddle anaesthesia puts cauda equina syndrome first
      Given a 45-year-old man with back pain
      And he has sciatica in both legs
      And he has saddle anaesthesia
      Then the triage is emergency
      And cauda equina syndrome is put first by rule CES-002
      And rule CES-002 is part of the basis
      And rule CES-008 is part of the basis

    @CES-008 @CON-006 @LSS-007
    Scenario: A long-standing claudicant recorded with sciatica in both legs
      Given a 72-year-old woman with pain in both legs on walking that eases when sitting
      And leaning forward eases the pain
      And she has sciatica in both legs
      And the symptoms have lasted 30 weeks
      Then the triage is emergency
      And cauda equina syndrome is listed as not to be missed
      And spinal stenosis is first in the differential
      And the record is queried because of rule CON-006
      And rule CON-006 is part of the basis
      And rule CES-008 is part of the basis
      And rule LSS-007 is part of the basis

  Rule: Leg weakness that is getting worse, with pain in both legs, is a red flag: cauda equina syndrome is to be excluded now

    Background:
      Given a 58-year-old woman with back pain

    @CES-009 @CES-001
    Scenario: Worsening weakness with pain in both legs
      Given she has leg weakness that is getting worse
      And the pain is in both legs
      Then the triage is emergency
      And the red flags include suspected cauda equina syndrome, to be excluded
      And cauda equina syndrome is listed as not to be missed
      And rule CES-009 is part of the basis
      And rule CES-001 is part of the basis

    @CES-009 @CES-001 @NEU-002
    Scenario: Worsening weakness with pain in one leg only is still an emergency, but not cauda equina
      Given she has leg weakness that is getting worse
      And the pain is in one leg only
      Then the triage is emergency
      And the red flags include progressive motor deficit
      And cauda equina syndrome is not first in the differential
      And rule CES-009 is not part of the basis
      And rule CES-001 is not part of the basis
      And rule NEU-002 is part of the basis

    @CES-009
    Scenario: Pain in both legs without worsening weakness
      Given there is no leg weakness that is getting worse
      And the pain is in both legs
      Then the triage is routine
      And rule CES-009 is not part of the basis

    @CES-009
    Scenario: Pain in both legs, whether the weakness is getting worse not checked
      Given leg weakness that is getting worse was not checked
      And the pain is in both legs
      Then the triage is routine
      And rule CES-009 is not part of the basis

    @CES-009
    Scenario: Worsening weakness, which legs hurt not recorded
      Given she has leg weakness that is getting worse
      And which legs the pain reaches was not recorded
      Then rule CES-009 is not part of the basis
      And cauda equina syndrome is not first in the differential

  Rule: A cauda equina red flag wins over strong evidence for spinal stenosis

    Background:
      Given a 72-year-old woman with pain in both legs on walking that eases when sitting
      And leaning forward eases the pain

    @LSS-007
    Scenario: The classic picture of spinal stenosis, without red flags
      Given there is no saddle anaesthesia
      Then the triage is routine
      And spinal stenosis is first in the differential
      And the probability of spinal stenosis is above 80 %
      And rule LSS-007 is part of the basis

    @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007
    Scenario Outline: The patient with spinal stenosis and <feature>
      Given she has <feature>
      Then the triage is emergency
      And cauda equina syndrome is put first by rule <red flag rule>
      And rule <red flag rule> is part of the basis
      And spinal stenosis is among the first 2 in the differential

      Examples:
        | feature                           | red flag rule |
        | saddle anaesthesia                | CES-002       |
        | urinary retention                 | CES-003       |
        | new urinary incontinence          | CES-004       |
        | new faecal incontinence           | CES-005       |
        | reduced anal tone                 | CES-006       |
        | new sexual dysfunction            | CES-007       |

    @CES-008 @CES-009
    Scenario Outline: The patient with spinal stenosis and <feature>, cauda equina to be excluded
      Given she has <feature>
      Then the triage is emergency
      And rule <red flag rule> is part of the basis
      And cauda equina syndrome is listed as not to be missed
      And spinal stenosis is first in the differential

      Examples:
        | feature                            | red flag rule |
        | sciatica in both legs              | CES-008       |
        | leg weakness that is getting worse | CES-009       |

  Rule: A cauda equina red flag wins over strong evidence for disc herniation

    Background:
      Given a 35-year-old man with sciatica down one leg
      And the straight-leg-raise test is positive
      And the crossed straight-leg-raise test is positive
      And the leg pain is worse than the back pain

    @LDH-003
    Scenario: The classic picture of disc herniation, without red flags
      Given there is no saddle anaesthesia
      Then the triage is routine
      And disc herniation is first in the differential
      And the probability of disc herniation is above 80 %
      And rule LDH-003 is part of the basis

    @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007
    Scenario Outline: The patient with disc herniation and <feature>
      Given he has <feature>
      Then the triage is emergency
      And cauda equina syndrome is put first by rule <red flag rule>
      And rule <red flag rule> is part of the basis
      And disc herniation is among the first 2 in the differential

      Examples:
        | feature                  | red flag rule |
        | saddle anaesthesia       | CES-002       |
        | urinary retention        | CES-003       |
        | new urinary incontinence | CES-004       |
        | new faecal incontinence  | CES-005       |
        | reduced anal tone        | CES-006       |
        | new sexual dysfunction   | CES-007       |

  Rule: The cauda equina features weigh as evidence too, counted once as a group

    @CES-010 @CES-012 @CES-022
    Scenario: Saddle anaesthesia, retention and bilateral sciatica count once for cauda equina syndrome
      Given a 45-year-old man with back pain
      And he has saddle anaesthesia
      And he has urinary retention
      And the pain is in both legs
      Then rule CES-010 is part of the basis
      And rule CES-012 is part of the basis
      And rule CES-012 counts for cauda equina syndrome
      And rule CES-010 is listed for cauda equina syndrome but not counted
      And rule CES-022 is not part of the basis
      And cauda equina syndrome is put first by rule CES-002

  Rule: Saddle anaesthesia is found in most cauda equina compression and in about a quarter of other back and leg pain (self-reported).

    @CES-010 @CES-011
    Scenario Outline: Saddle anaesthesia <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-010 <if present> part of the basis
      And rule CES-011 <if absent> part of the basis

      Examples:
        | answer       | note                                | if present | if absent |
        | present      | she has saddle anaesthesia          | is         | is not    |
        | absent       | there is no saddle anaesthesia      | is not     | is        |
        | not examined | saddle anaesthesia was not examined | is not     | is not    |

    @CES-010
    Scenario: She has saddle anaesthesia: where it weighs
      Given a 45-year-old woman with back pain
      And she has saddle anaesthesia
      Then rule CES-010 is part of the basis
      And rule CES-010 counts for cauda equina syndrome

    @CES-011
    Scenario: There is no saddle anaesthesia: where it weighs
      Given a 45-year-old woman with back pain
      And there is no saddle anaesthesia
      Then rule CES-011 is part of the basis
      And rule CES-011 counts against cauda equina syndrome

  Rule: Urinary retention is frequent in cauda equina syndrome, occasional in stenosis, and rare in other back and leg pain.

    @CES-012 @CES-013
    Scenario Outline: Urinary retention <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-012 <if present> part of the basis
      And rule CES-013 <if absent> part of the basis

      Examples:
        | answer       | note                               | if present | if absent |
        | present      | she has urinary retention          | is         | is not    |
        | absent       | there is no urinary retention      | is not     | is        |
        | not examined | urinary retention was not examined | is not     | is not    |

    @CES-012
    Scenario: She has urinary retention: where it weighs
      Given a 45-year-old woman with back pain
      And she has urinary retention
      Then rule CES-012 is part of the basis
      And rule CES-012 counts for cauda equina syndrome
      And rule CES-012 counts against disc herniation

    @CES-013
    Scenario: There is no urinary retention: where it weighs
      Given a 45-year-old woman with back pain
      And there is no urinary retention
      Then rule CES-013 is part of the basis
      And rule CES-013 counts against cauda equina syndrome

  Rule: New urinary incontinence weighs as bladder dysfunction does.

    @CES-014 @CES-015
    Scenario Outline: Urinary incontinence <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-014 <if present> part of the basis
      And rule CES-015 <if absent> part of the basis

      Examples:
        | answer       | note                                      | if present | if absent |
        | present      | she has new urinary incontinence          | is         | is not    |
        | absent       | there is no new urinary incontinence      | is not     | is        |
        | not examined | new urinary incontinence was not examined | is not     | is not    |

    @CES-014
    Scenario: She has new urinary incontinence: where it weighs
      Given a 45-year-old woman with back pain
      And she has new urinary incontinence
      Then rule CES-014 is part of the basis
      And rule CES-014 counts for cauda equina syndrome
      And rule CES-014 counts against disc herniation

    @CES-015
    Scenario: There is no new urinary incontinence: where it weighs
      Given a 45-year-old woman with back pain
      And there is no new urinary incontinence
      Then rule CES-015 is part of the basis
      And rule CES-015 counts against cauda equina syndrome

  Rule: New faecal incontinence occurs in about a third of cauda equina syndrome and rarely otherwise.

    @CES-016 @CES-017
    Scenario Outline: Faecal incontinence <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-016 <if present> part of the basis
      And rule CES-017 <if absent> part of the basis

      Examples:
        | answer       | note                                     | if present | if absent |
        | present      | she has new faecal incontinence          | is         | is not    |
        | absent       | there is no new faecal incontinence      | is not     | is        |
        | not examined | new faecal incontinence was not examined | is not     | is not    |

    @CES-016
    Scenario: She has new faecal incontinence: where it weighs
      Given a 45-year-old woman with back pain
      And she has new faecal incontinence
      Then rule CES-016 is part of the basis
      And rule CES-016 counts for cauda equina syndrome

    @CES-017
    Scenario: There is no new faecal incontinence: where it weighs
      Given a 45-year-old woman with back pain
      And there is no new faecal incontinence
      Then rule CES-017 is part of the basis
      And rule CES-017 counts against cauda equina syndrome

  Rule: Reduced anal tone is found in about half of cauda equina compression.

    @CES-018 @CES-019
    Scenario Outline: Reduced anal tone <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-018 <if present> part of the basis
      And rule CES-019 <if absent> part of the basis

      Examples:
        | answer       | note                               | if present | if absent |
        | present      | she has reduced anal tone          | is         | is not    |
        | absent       | there is no reduced anal tone      | is not     | is        |
        | not examined | reduced anal tone was not examined | is not     | is not    |

    @CES-018
    Scenario: She has reduced anal tone: where it weighs
      Given a 45-year-old woman with back pain
      And she has reduced anal tone
      Then rule CES-018 is part of the basis
      And rule CES-018 counts for cauda equina syndrome

    @CES-019
    Scenario: There is no reduced anal tone: where it weighs
      Given a 45-year-old woman with back pain
      And there is no reduced anal tone
      Then rule CES-019 is part of the basis
      And rule CES-019 counts against cauda equina syndrome

  Rule: New sexual dysfunction is a feature of cauda equina syndrome.

    @CES-020 @CES-021
    Scenario Outline: Sexual dysfunction <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-020 <if present> part of the basis
      And rule CES-021 <if absent> part of the basis

      Examples:
        | answer       | note                                    | if present | if absent |
        | present      | she has new sexual dysfunction          | is         | is not    |
        | absent       | there is no new sexual dysfunction      | is not     | is        |
        | not examined | new sexual dysfunction was not examined | is not     | is not    |

    @CES-020
    Scenario: She has new sexual dysfunction: where it weighs
      Given a 45-year-old woman with back pain
      And she has new sexual dysfunction
      Then rule CES-020 is part of the basis
      And rule CES-020 counts for cauda equina syndrome

    @CES-021
    Scenario: There is no new sexual dysfunction: where it weighs
      Given a 45-year-old woman with back pain
      And there is no new sexual dysfunction
      Then rule CES-021 is part of the basis
      And rule CES-021 counts against cauda equina syndrome

  Rule: Sciatica in both legs is found in about half of cauda equina syndrome, in some stenosis and slips, and seldom in other leg pain.

    @CES-022 @CES-023
    Scenario Outline: Bilateral sciatica <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-022 <if present> part of the basis
      And rule CES-023 <if absent> part of the basis

      Examples:
        | answer       | note                                   | if present | if absent |
        | present      | she has sciatica in both legs          | is         | is not    |
        | absent       | there is no sciatica in both legs      | is not     | is        |
        | not examined | sciatica in both legs was not examined | is not     | is not    |

    @CES-022
    Scenario: She has sciatica in both legs: where it weighs
      Given a 45-year-old woman with back pain
      And she has sciatica in both legs
      Then rule CES-022 is part of the basis
      And rule CES-022 counts for cauda equina syndrome
      And rule CES-022 counts against disc herniation

    @CES-023
    Scenario: There is no sciatica in both legs: where it weighs
      Given a 45-year-old woman with back pain
      And there is no sciatica in both legs
      Then rule CES-023 is part of the basis
      And rule CES-023 counts against cauda equina syndrome

  Rule: Saddle anaesthesia is a cauda equina red flag.

    @CES-002
    Scenario Outline: Saddle anaesthesia <answer> (CES-002)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-002 <if present> part of the basis

      Examples:
        | answer       | note                                | if present |
        | present      | she has saddle anaesthesia          | is         |
        | absent       | there is no saddle anaesthesia      | is not     |
        | not examined | saddle anaesthesia was not examined | is not     |

    @CES-002
    Scenario: She has saddle anaesthesia: the red flag (CES-002)
      Given a 45-year-old woman with back pain
      And she has saddle anaesthesia
      Then rule CES-002 is part of the basis
      And the red flags include Suspected cauda equina syndrome
      And the triage is emergency

  Rule: Urinary retention, or difficulty starting or sensing micturition, is a cauda equina red flag.

    @CES-003
    Scenario Outline: Urinary retention <answer> (CES-003)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-003 <if present> part of the basis

      Examples:
        | answer       | note                               | if present |
        | present      | she has urinary retention          | is         |
        | absent       | there is no urinary retention      | is not     |
        | not examined | urinary retention was not examined | is not     |

    @CES-003
    Scenario: She has urinary retention: the red flag (CES-003)
      Given a 45-year-old woman with back pain
      And she has urinary retention
      Then rule CES-003 is part of the basis
      And the red flags include Suspected cauda equina syndrome
      And the triage is emergency

  Rule: New urinary incontinence is a cauda equina red flag.

    @CES-004
    Scenario Outline: Urinary incontinence <answer> (CES-004)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-004 <if present> part of the basis

      Examples:
        | answer       | note                                      | if present |
        | present      | she has new urinary incontinence          | is         |
        | absent       | there is no new urinary incontinence      | is not     |
        | not examined | new urinary incontinence was not examined | is not     |

    @CES-004
    Scenario: She has new urinary incontinence: the red flag (CES-004)
      Given a 45-year-old woman with back pain
      And she has new urinary incontinence
      Then rule CES-004 is part of the basis
      And the red flags include Suspected cauda equina syndrome
      And the triage is emergency

  Rule: New faecal incontinence or loss of rectal sensation is a cauda equina red flag.

    @CES-005
    Scenario Outline: Faecal incontinence <answer> (CES-005)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-005 <if present> part of the basis

      Examples:
        | answer       | note                                     | if present |
        | present      | she has new faecal incontinence          | is         |
        | absent       | there is no new faecal incontinence      | is not     |
        | not examined | new faecal incontinence was not examined | is not     |

    @CES-005
    Scenario: She has new faecal incontinence: the red flag (CES-005)
      Given a 45-year-old woman with back pain
      And she has new faecal incontinence
      Then rule CES-005 is part of the basis
      And the red flags include Suspected cauda equina syndrome
      And the triage is emergency

  Rule: Reduced anal tone on examination is a cauda equina red flag.

    @CES-006
    Scenario Outline: Reduced anal tone <answer> (CES-006)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-006 <if present> part of the basis

      Examples:
        | answer       | note                               | if present |
        | present      | she has reduced anal tone          | is         |
        | absent       | there is no reduced anal tone      | is not     |
        | not examined | reduced anal tone was not examined | is not     |

    @CES-006
    Scenario: She has reduced anal tone: the red flag (CES-006)
      Given a 45-year-old woman with back pain
      And she has reduced anal tone
      Then rule CES-006 is part of the basis
      And the red flags include Suspected cauda equina syndrome
      And the triage is emergency

  Rule: New sexual dysfunction is a cauda equina red flag.

    @CES-007
    Scenario Outline: Sexual dysfunction <answer> (CES-007)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-007 <if present> part of the basis

      Examples:
        | answer       | note                                    | if present |
        | present      | she has new sexual dysfunction          | is         |
        | absent       | there is no new sexual dysfunction      | is not     |
        | not examined | new sexual dysfunction was not examined | is not     |

    @CES-007
    Scenario: She has new sexual dysfunction: the red flag (CES-007)
      Given a 45-year-old woman with back pain
      And she has new sexual dysfunction
      Then rule CES-007 is part of the basis
      And the red flags include Suspected cauda equina syndrome
      And the triage is emergency

  Rule: Sciatica in both legs, or unilateral sciatica becoming bilateral, is a cauda equina red flag: the syndrome must be excluded now, though bilateral sciatica alone does not establish it.

    @CES-008
    Scenario Outline: Bilateral sciatica <answer> (CES-008)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule CES-008 <if present> part of the basis

      Examples:
        | answer       | note                                   | if present |
        | present      | she has sciatica in both legs          | is         |
        | absent       | there is no sciatica in both legs      | is not     |
        | not examined | sciatica in both legs was not examined | is not     |

    @CES-008
    Scenario: She has sciatica in both legs: the red flag (CES-008)
      Given a 45-year-old woman with back pain
      And she has sciatica in both legs
      Then rule CES-008 is part of the basis
      And the red flags include Suspected cauda equina syndrome, to be excluded
      And the triage is emergency
      And cauda equina syndrome is listed as not to be missed

