Feature: Lumbar disc herniation with radiculopathy
  Disc herniation is suggested by sciatica in one leg that is worse than the back pain, and by nerve
  tension tests: the straight-leg raise, the crossed straight-leg raise and the slump test. Each finding
  states how often it occurs in every cause of the differential, so one finding moves every cause at
  once: a negative straight-leg raise lowers disc herniation and raises piriformis syndrome in one step.
  The straight-leg raise and the slump test measure the same nerve tension, so only one counts.

  Rule: The classic picture puts disc herniation first

    @LDH-001 @LDH-003 @LDH-010 @LDH-011
    Scenario: A young man with sciatica, positive straight and crossed straight-leg raise
      Given a 35-year-old man with sciatica down one leg
      And the straight-leg-raise test is positive
      And the crossed straight-leg-raise test is positive
      And the leg pain is worse than the back pain
      Then the triage is routine
      And disc herniation is first in the differential
      And the probability of disc herniation is above 80 %
      And rule LDH-001 is part of the basis
      And rule LDH-003 is part of the basis
      And rule LDH-010 is part of the basis
      And rule LDH-011 is part of the basis

  Rule: A positive straight-leg raise is found in nearly all disc herniations, in few deep gluteal entrapments and in about a quarter of other sciatica.

    @LDH-001 @LDH-002
    Scenario Outline: Straight-leg-raise test <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LDH-001 <if present> part of the basis
      And rule LDH-002 <if absent> part of the basis

      Examples:
        | answer       | note                                     | if present | if absent |
        | present      | the straight-leg-raise test is positive  | is         | is not    |
        | absent       | the straight-leg-raise test is negative  | is not     | is        |
        | not examined | the straight-leg-raise test was not done | is not     | is not    |

    @LDH-001
    Scenario: The straight-leg-raise test is positive: where it weighs
      Given a 45-year-old woman with back pain
      And the straight-leg-raise test is positive
      Then rule LDH-001 is part of the basis
      And rule LDH-001 counts for disc herniation
      And rule LDH-001 counts against piriformis syndrome

    @LDH-002
    Scenario: The straight-leg-raise test is negative: where it weighs
      Given a 45-year-old woman with back pain
      And the straight-leg-raise test is negative
      Then rule LDH-002 is part of the basis
      And rule LDH-002 counts for piriformis syndrome
      And rule LDH-002 counts against cauda equina syndrome

  Rule: A positive crossed straight-leg raise is found in under a third of disc herniations and fewer other causes.

    @LDH-003 @LDH-004
    Scenario Outline: Crossed straight-leg-raise test <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LDH-003 <if present> part of the basis
      And rule LDH-004 <if absent> part of the basis

      Examples:
        | answer       | note                                             | if present | if absent |
        | present      | the crossed straight-leg-raise test is positive  | is         | is not    |
        | absent       | the crossed straight-leg-raise test is negative  | is not     | is        |
        | not examined | the crossed straight-leg-raise test was not done | is not     | is not    |

    @LDH-003
    Scenario: The crossed straight-leg-raise test is positive: where it weighs
      Given a 45-year-old woman with back pain
      And the crossed straight-leg-raise test is positive
      Then rule LDH-003 is part of the basis
      And rule LDH-003 counts for disc herniation
      And rule LDH-003 counts against spinal stenosis

    @LDH-004
    Scenario: The crossed straight-leg-raise test is negative: where it weighs
      Given a 45-year-old woman with back pain
      And the crossed straight-leg-raise test is negative
      Then rule LDH-004 is part of the basis

  Rule: A positive slump test is found in most disc herniations and in about one in nine other patients.

    @LDH-005 @LDH-006
    Scenario Outline: Slump test <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LDH-005 <if present> part of the basis
      And rule LDH-006 <if absent> part of the basis

      Examples:
        | answer       | note                        | if present | if absent |
        | present      | the slump test is positive  | is         | is not    |
        | absent       | the slump test is negative  | is not     | is        |
        | not examined | the slump test was not done | is not     | is not    |

    @LDH-005
    Scenario: The slump test is positive: where it weighs
      Given a 45-year-old woman with back pain
      And the slump test is positive
      Then rule LDH-005 is part of the basis
      And rule LDH-005 counts for disc herniation
      And rule LDH-005 counts against spinal stenosis

    @LDH-006
    Scenario: The slump test is negative: where it weighs
      Given a 45-year-old woman with back pain
      And the slump test is negative
      Then rule LDH-006 is part of the basis
      And rule LDH-006 counts for another cause
      And rule LDH-006 counts against cauda equina syndrome

  Rule: Leg pain worse on coughing or sneezing is more frequent in disc herniation than in other leg pain.

    @LDH-007 @LDH-008
    Scenario Outline: Worse on cough or sneeze <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LDH-007 <if present> part of the basis
      And rule LDH-008 <if absent> part of the basis

      Examples:
        | answer       | note                                                            | if present | if absent |
        | present      | she has leg pain that is worse on coughing or sneezing          | is         | is not    |
        | absent       | there is no leg pain that is worse on coughing or sneezing      | is not     | is        |
        | not examined | leg pain that is worse on coughing or sneezing was not examined | is not     | is not    |

    @LDH-007
    Scenario: She has leg pain that is worse on coughing or sneezing: where it weighs
      Given a 45-year-old woman with back pain
      And she has leg pain that is worse on coughing or sneezing
      Then rule LDH-007 is part of the basis
      And rule LDH-007 counts for disc herniation
      And rule LDH-007 counts against spinal stenosis

    @LDH-008
    Scenario: There is no leg pain that is worse on coughing or sneezing: where it weighs
      Given a 45-year-old woman with back pain
      And there is no leg pain that is worse on coughing or sneezing
      Then rule LDH-008 is part of the basis
      And rule LDH-008 counts for another cause
      And rule LDH-008 counts against cauda equina syndrome

  Rule: Back pain worse than leg pain is less frequent in disc herniation, and rare in piriformis syndrome, than in other back and leg pain.

    @LDH-009 @LDH-010
    Scenario Outline: Back pain predominant <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LDH-009 <if present> part of the basis
      And rule LDH-010 <if absent> part of the basis

      Examples:
        | answer       | note                                                 | if present | if absent |
        | present      | the back pain is worse than the leg pain             | is         | is not    |
        | absent       | the leg pain is worse than the back pain             | is not     | is        |
        | not examined | whether the back or the leg hurts more was not asked | is not     | is not    |

    @LDH-009
    Scenario: The back pain is worse than the leg pain: where it weighs
      Given a 45-year-old woman with back pain
      And the back pain is worse than the leg pain
      Then rule LDH-009 is part of the basis
      And rule LDH-009 counts for another cause
      And rule LDH-009 counts against piriformis syndrome

    @LDH-010
    Scenario: The leg pain is worse than the back pain: where it weighs
      Given a 45-year-old woman with back pain
      And the leg pain is worse than the back pain
      Then rule LDH-010 is part of the basis
      And rule LDH-010 counts for piriformis syndrome
      And rule LDH-010 counts against spinal stenosis

  Rule: Leg pain reaching below the knee is usual in radicular pain and claudication, less so in referred pain.

    @LDH-011 @LDH-012
    Scenario Outline: Pain below the knee <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LDH-011 <if present> part of the basis
      And rule LDH-012 <if absent> part of the basis

      Examples:
        | answer       | note                                 | if present | if absent |
        | present      | she has pain below the knee          | is         | is not    |
        | absent       | there is no pain below the knee      | is not     | is        |
        | not examined | pain below the knee was not examined | is not     | is not    |

    @LDH-011
    Scenario: She has pain below the knee: where it weighs
      Given a 45-year-old woman with back pain
      And she has pain below the knee
      Then rule LDH-011 is part of the basis
      And rule LDH-011 counts for vascular claudication
      And rule LDH-011 counts against degenerative disc or facet disease

    @LDH-012
    Scenario: There is no pain below the knee: where it weighs
      Given a 45-year-old woman with back pain
      And there is no pain below the knee
      Then rule LDH-012 is part of the basis
      And rule LDH-012 counts for hip osteoarthritis
      And rule LDH-012 counts against cauda equina syndrome
