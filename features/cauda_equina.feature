Feature: Cauda equina syndrome
  Cauda equina syndrome is a surgical emergency. Any cauda equina feature makes the triage an
  emergency and puts cauda equina syndrome first in the differential, whatever else the patient has.
  The features are saddle anaesthesia, urinary retention, new urinary or faecal incontinence,
  reduced anal tone, new sexual dysfunction, sciatica in both legs, and leg weakness that is getting
  worse with pain in both legs. Leaving a feature unexamined never counts as its absence.

  Rule: Each cauda equina feature on its own is a red flag: emergency triage, cauda equina syndrome first

    @CES-001 @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007 @CES-008 @CES-010
    Scenario Outline: A patient with back pain and <feature>
      Given a 45-year-old man with back pain
      And he has <feature>
      Then the triage is emergency
      And the red flags include suspected cauda equina syndrome
      And cauda equina syndrome is put first by rule <red flag rule>
      And rule <red flag rule> is part of the basis
      And rule CES-001 is part of the basis
      And rule CES-010 is part of the basis
      And rule CES-010 counts for cauda equina syndrome
      And the probability of cauda equina syndrome is above 10 %

      Examples:
        | feature                  | red flag rule |
        | saddle anaesthesia       | CES-002       |
        | urinary retention        | CES-003       |
        | new urinary incontinence | CES-004       |
        | new faecal incontinence  | CES-005       |
        | reduced anal tone        | CES-006       |
        | new sexual dysfunction   | CES-007       |
        | sciatica in both legs    | CES-008       |

    @CES-001 @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007 @CES-008 @CES-010
    Scenario Outline: The same patient without <feature>
      Given a 45-year-old man with back pain
      And there is no <feature>
      Then the triage is routine
      And there are no red flags
      And cauda equina syndrome is not first in the differential
      And rule <red flag rule> is not part of the basis
      And rule CES-001 is not part of the basis
      And rule CES-010 is not part of the basis

      Examples:
        | feature                  | red flag rule |
        | saddle anaesthesia       | CES-002       |
        | urinary retention        | CES-003       |
        | new urinary incontinence | CES-004       |
        | new faecal incontinence  | CES-005       |
        | reduced anal tone        | CES-006       |
        | new sexual dysfunction   | CES-007       |
        | sciatica in both legs    | CES-008       |

    @CES-001 @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007 @CES-008 @CES-010
    Scenario Outline: The same patient, <feature> not checked
      Given a 45-year-old man with back pain
      And <feature> was not checked
      Then the triage is routine
      And there are no red flags
      And rule <red flag rule> is not part of the basis
      And rule CES-001 is not part of the basis
      And rule CES-010 is not part of the basis

      Examples:
        | feature                  | red flag rule |
        | saddle anaesthesia       | CES-002       |
        | urinary retention        | CES-003       |
        | new urinary incontinence | CES-004       |
        | new faecal incontinence  | CES-005       |
        | reduced anal tone        | CES-006       |
        | new sexual dysfunction   | CES-007       |
        | sciatica in both legs    | CES-008       |

  Rule: Leg weakness that is getting worse, with pain in both legs, is a cauda equina red flag

    Background:
      Given a 58-year-old woman with back pain

    @CES-009 @CES-001
    Scenario: Worsening weakness with pain in both legs
      Given she has leg weakness that is getting worse
      And the pain is in both legs
      Then the triage is emergency
      And the red flags include suspected cauda equina syndrome
      And cauda equina syndrome is put first by rule CES-009
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

    @LSS-008
    Scenario: The classic picture of spinal stenosis, without red flags
      Given there is no saddle anaesthesia
      Then the triage is routine
      And spinal stenosis is first in the differential
      And the probability of spinal stenosis is above 99 %
      And rule LSS-008 is part of the basis

    @CES-002 @CES-003 @CES-004 @CES-005 @CES-006 @CES-007 @CES-008 @CES-009
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
        | sciatica in both legs             | CES-008       |
        | leg weakness that is getting worse | CES-009      |

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
      And the probability of disc herniation is above 90 %
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

  Rule: In suspected cauda equina syndrome, pain in both legs makes compression more likely

    Background:
      Given a 50-year-old woman with saddle anaesthesia

    @CES-011 @CES-012
    Scenario: Saddle anaesthesia with pain in both legs
      Given the pain is in both legs
      Then rule CES-011 is part of the basis
      And rule CES-011 counts for cauda equina syndrome
      And rule CES-012 is not part of the basis

    @CES-011 @CES-012
    Scenario: Saddle anaesthesia, which legs hurt not recorded
      Given which legs the pain reaches was not recorded
      Then rule CES-011 is not part of the basis
      And rule CES-012 is not part of the basis

    @CES-011
    Scenario: Pain in both legs without a cauda equina feature says nothing about compression
      Given there is no saddle anaesthesia
      And the pain is in both legs
      Then rule CES-011 is not part of the basis
      And cauda equina syndrome is not first in the differential

  Rule: In suspected cauda equina syndrome, pain in one leg only makes compression less likely, but the red flag still wins

    Background:
      Given a 50-year-old woman with saddle anaesthesia

    @CES-012 @CES-011
    Scenario: Saddle anaesthesia with pain in one leg only
      Given the pain is in one leg only
      Then rule CES-012 is part of the basis
      And rule CES-012 counts against cauda equina syndrome
      And rule CES-011 is not part of the basis
      And the triage is emergency
      And cauda equina syndrome is put first by rule CES-002

    @CES-012
    Scenario: Saddle anaesthesia with pain alternating between the legs
      Given the pain alternates between the legs
      Then rule CES-012 is not part of the basis

  Rule: In suspected cauda equina syndrome, leg weakness makes compression more likely

    Background:
      Given a 50-year-old woman with saddle anaesthesia

    @CES-013
    Scenario: Saddle anaesthesia with weakness in a myotome
      Given she has weakness in a myotome
      Then rule CES-013 is part of the basis
      And rule CES-013 counts for cauda equina syndrome

    @CES-013
    Scenario: Saddle anaesthesia with normal strength
      Given there is no weakness in a myotome
      Then rule CES-013 is not part of the basis

    @CES-013
    Scenario: Saddle anaesthesia, strength not examined
      Given weakness in a myotome was not examined
      Then rule CES-013 is not part of the basis

  Rule: In suspected cauda equina syndrome, a sensory deficit in the leg makes compression more likely

    Background:
      Given a 50-year-old woman with saddle anaesthesia

    @CES-014
    Scenario: Saddle anaesthesia with numbness in a dermatome
      Given she has numbness in a dermatome
      Then rule CES-014 is part of the basis
      And rule CES-014 counts for cauda equina syndrome

    @CES-014
    Scenario: Saddle anaesthesia with normal sensation in the legs
      Given there is no numbness in a dermatome
      Then rule CES-014 is not part of the basis

    @CES-014
    Scenario: Saddle anaesthesia, sensation in the legs not examined
      Given numbness in a dermatome was not examined
      Then rule CES-014 is not part of the basis

  Rule: In suspected cauda equina syndrome, absent ankle reflexes on both sides are associated with compression

    Background:
      Given a 50-year-old woman with saddle anaesthesia

    @CES-015
    Scenario: Saddle anaesthesia with both ankle reflexes absent
      Given both ankle reflexes are absent
      Then rule CES-015 is part of the basis
      And rule CES-015 is listed for cauda equina syndrome but not counted

    @CES-015
    Scenario: Saddle anaesthesia with one ankle reflex reduced
      Given the ankle reflex is reduced
      Then rule CES-015 is not part of the basis

    @CES-015
    Scenario: Saddle anaesthesia, reflexes not examined
      Given the reflexes were not examined
      Then rule CES-015 is not part of the basis
