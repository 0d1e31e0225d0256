Feature: Lumbar spinal stenosis with neurogenic claudication
  Spinal stenosis is suggested by older age, pain in both legs brought on by walking or standing
  (neurogenic claudication), and relief on sitting or on leaning forward. Each finding changes the odds
  by its published likelihood ratio (Suri 2010); findings that measure the same thing count once.

  Rule: The classic picture puts spinal stenosis first

    @LSS-001 @LSS-003 @LSS-006 @LSS-008 @LSS-010
    Scenario: An older woman whose leg pain on walking eases when she sits or leans forward
      Given a 72-year-old woman with pain in both legs on walking that eases when sitting
      And leaning forward eases the pain
      Then the triage is routine
      And spinal stenosis is first in the differential
      And the probability of spinal stenosis is above 99 %
      And rule LSS-001 is part of the basis
      And rule LSS-003 is part of the basis
      And rule LSS-006 is part of the basis
      And rule LSS-008 is part of the basis
      And rule LSS-010 is part of the basis

    @LSS-001 @LSS-004 @LSS-007 @LSS-008 @LSS-011
    Scenario: Older, pain in both legs, but none of the stenosis features on history
      Given a 72-year-old woman with pain in both legs
      And there is no neurogenic claudication
      And sitting does not ease the leg pain
      And leaning forward does not ease the pain
      Then spinal stenosis is not first in the differential
      And rule LSS-004 is part of the basis
      And rule LSS-007 is part of the basis
      And rule LSS-011 is part of the basis
      And rule LSS-001 is part of the basis
      And rule LSS-008 is part of the basis

  Rule: Age over 70 makes spinal stenosis more likely

    @LSS-001
    Scenario Outline: Pain in both legs at <age (years)>
      Given a <age (years)>-year-old woman with pain in both legs
      Then rule LSS-001 is part of the basis
      And rule LSS-001 counts for spinal stenosis

      Examples:
        | age (years) |
        | 71          |
        | 88          |

    @LSS-001
    Scenario Outline: Pain in both legs at <age (years)>, not over 70
      Given a <age (years)>-year-old woman with pain in both legs
      Then rule LSS-001 is not part of the basis

      Examples:
        | age (years) |
        | 70          |
        | 65          |

    @LSS-001 @LSS-002
    Scenario: Pain in both legs, age not recorded
      Given a woman whose age was not recorded
      And the pain is in both legs
      Then rule LSS-001 is not part of the basis
      And rule LSS-002 is not part of the basis

  Rule: Age under 60 makes spinal stenosis less likely

    @LSS-002
    Scenario Outline: Pain in both legs at <age (years)>, under 60
      Given a <age (years)>-year-old woman with pain in both legs
      Then rule LSS-002 is part of the basis
      And rule LSS-002 counts against spinal stenosis

      Examples:
        | age (years) |
        | 59          |
        | 30          |

    @LSS-002
    Scenario Outline: Pain in both legs at <age (years)>, not under 60
      Given a <age (years)>-year-old woman with pain in both legs
      Then rule LSS-002 is not part of the basis

      Examples:
        | age (years) |
        | 60          |
        | 64          |

  Rule: Leg symptoms that ease on sitting make spinal stenosis more likely; symptoms that do not, less likely

    Background:
      Given a 68-year-old man with pain in both legs on walking

    @LSS-003 @LSS-004
    Scenario: Sitting eases the leg pain
      Given sitting eases the leg pain
      Then rule LSS-003 is part of the basis
      And rule LSS-003 counts for spinal stenosis
      And rule LSS-004 is not part of the basis

    @LSS-003 @LSS-004
    Scenario: Sitting does not ease the leg pain
      Given sitting does not ease the leg pain
      Then rule LSS-004 is part of the basis
      And rule LSS-004 counts against spinal stenosis
      And rule LSS-003 is not part of the basis

    @LSS-003 @LSS-004
    Scenario: Whether sitting eases the leg pain was not asked
      Given whether sitting eases the leg pain was not asked
      Then rule LSS-003 is not part of the basis
      And rule LSS-004 is not part of the basis

  Rule: Pain that is worse when sitting makes spinal stenosis less likely, counted once with relief on sitting

    Background:
      Given a 68-year-old man with pain in both legs on walking

    @LSS-005
    Scenario: Sitting makes the pain worse
      Given sitting makes the pain worse
      Then rule LSS-005 is part of the basis
      And rule LSS-005 counts against spinal stenosis

    @LSS-005
    Scenario: Sitting does not make the pain worse
      Given sitting does not make the pain worse
      Then rule LSS-005 is not part of the basis

    @LSS-005
    Scenario: Whether sitting makes the pain worse was not asked
      Given whether sitting makes the pain worse was not asked
      Then rule LSS-005 is not part of the basis

    @LSS-003 @LSS-005
    Scenario: Sitting both eases the leg pain and makes the pain worse: the stronger finding counts
      Given sitting eases the leg pain
      And sitting makes the pain worse
      Then rule LSS-003 is part of the basis
      And rule LSS-005 is part of the basis
      And rule LSS-003 counts for spinal stenosis
      And rule LSS-005 is listed against spinal stenosis but not counted

  Rule: Symptoms that ease on leaning forward make spinal stenosis more likely; symptoms that do not, less likely

    Background:
      Given a 68-year-old man with pain in both legs on walking

    @LSS-006 @LSS-007
    Scenario: Leaning forward eases the pain
      Given leaning forward eases the pain
      Then rule LSS-006 is part of the basis
      And rule LSS-006 counts for spinal stenosis
      And rule LSS-007 is not part of the basis

    @LSS-006 @LSS-007
    Scenario: Leaning forward does not ease the pain
      Given leaning forward does not ease the pain
      Then rule LSS-007 is part of the basis
      And rule LSS-007 counts against spinal stenosis
      And rule LSS-006 is not part of the basis

    @LSS-006 @LSS-007
    Scenario: Whether leaning forward eases the pain was not asked
      Given whether leaning forward eases the pain was not asked
      Then rule LSS-006 is not part of the basis
      And rule LSS-007 is not part of the basis

  Rule: Pain in both legs makes spinal stenosis more likely; pain in one leg only, less likely

    Background:
      Given a 68-year-old woman with back pain

    @LSS-008 @LSS-009
    Scenario: The pain is in both legs
      Given the pain is in both legs
      Then rule LSS-008 is part of the basis
      And rule LSS-008 counts for spinal stenosis
      And rule LSS-009 is not part of the basis

    @LSS-008 @LSS-009
    Scenario: The pain is in one leg only
      Given the pain is in one leg only
      Then rule LSS-009 is part of the basis
      And rule LSS-009 counts against spinal stenosis
      And rule LSS-008 is not part of the basis

    @LSS-008 @LSS-009
    Scenario: The pain alternates between the legs
      Given the pain alternates between the legs
      Then rule LSS-008 is not part of the basis
      And rule LSS-009 is not part of the basis

    @LSS-008 @LSS-009
    Scenario: Which legs the pain reaches was not recorded
      Given which legs the pain reaches was not recorded
      Then rule LSS-008 is not part of the basis
      And rule LSS-009 is not part of the basis

  Rule: Neurogenic claudication makes spinal stenosis more likely; its absence, much less likely

    Background:
      Given a 68-year-old woman with pain in both legs

    @LSS-010 @LSS-011
    Scenario: Walking brings on the leg pain
      Given she has neurogenic claudication
      Then rule LSS-010 is part of the basis
      And rule LSS-010 counts for spinal stenosis
      And rule LSS-011 is not part of the basis

    @LSS-010 @LSS-011
    Scenario: Walking does not bring on the leg pain
      Given there is no neurogenic claudication
      Then rule LSS-011 is part of the basis
      And rule LSS-011 counts against spinal stenosis
      And rule LSS-010 is not part of the basis

    @LSS-010 @LSS-011
    Scenario: Whether walking brings on the leg pain was not asked
      Given neurogenic claudication was not asked about
      Then rule LSS-010 is not part of the basis
      And rule LSS-011 is not part of the basis

  Rule: Absent ankle reflexes on both sides make spinal stenosis more likely

    Background:
      Given a 68-year-old woman with pain in both legs on walking

    @LSS-012
    Scenario: Both ankle reflexes are absent
      Given both ankle reflexes are absent
      Then rule LSS-012 is part of the basis
      And rule LSS-012 counts for spinal stenosis

    @LSS-012
    Scenario: One ankle reflex is reduced
      Given the ankle reflex is reduced
      Then rule LSS-012 is not part of the basis

    @LSS-012
    Scenario: The reflexes were not examined
      Given the reflexes were not examined
      Then rule LSS-012 is not part of the basis

  Rule: Leg weakness makes spinal stenosis slightly more likely

    Background:
      Given a 68-year-old woman with pain in both legs on walking

    @LSS-013
    Scenario: Weakness in a myotome
      Given she has weakness in a myotome
      Then rule LSS-013 is part of the basis
      And rule LSS-013 counts for spinal stenosis

    @LSS-013
    Scenario: Normal strength
      Given there is no weakness in a myotome
      Then rule LSS-013 is not part of the basis

    @LSS-013
    Scenario: Strength was not examined
      Given weakness in a myotome was not examined
      Then rule LSS-013 is not part of the basis

  Rule: Pain on lumbar extension is associated with spinal stenosis, but is not weighed

    Background:
      Given a 68-year-old woman with back pain

    @LSS-014
    Scenario: Lumbar extension reproduces the pain
      Given she has pain on lumbar extension
      Then rule LSS-014 is part of the basis
      And rule LSS-014 is listed for spinal stenosis but not counted
      And the probability of spinal stenosis stays at its pre-test value

    @LSS-014
    Scenario: Lumbar extension is painless
      Given there is no pain on lumbar extension
      Then rule LSS-014 is not part of the basis

    @LSS-014
    Scenario: Lumbar extension was not examined
      Given pain on lumbar extension was not examined
      Then rule LSS-014 is not part of the basis

  Rule: Symptoms lasting more than six months are associated with spinal stenosis, but are not weighed

    Background:
      Given a 68-year-old woman with back pain

    @LSS-015
    Scenario Outline: Symptoms for <duration (weeks)> weeks
      Given the symptoms have lasted <duration (weeks)> weeks
      Then rule LSS-015 is part of the basis
      And rule LSS-015 is listed for spinal stenosis but not counted

      Examples:
        | duration (weeks) |
        | 27               |
        | 104              |

    @LSS-015
    Scenario Outline: Symptoms for <duration (weeks)> weeks, not more than six months
      Given the symptoms have lasted <duration (weeks)> weeks
      Then rule LSS-015 is not part of the basis

      Examples:
        | duration (weeks) |
        | 26               |
        | 4                |

    @LSS-015
    Scenario: How long the symptoms have lasted was not recorded
      Given how long the symptoms have lasted was not recorded
      Then rule LSS-015 is not part of the basis
