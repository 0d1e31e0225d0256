Feature: Lumbar disc herniation with radiculopathy
  Disc herniation is suggested by sciatica in one leg that is worse than the back pain, and by nerve
  tension tests: the straight-leg raise, the crossed straight-leg raise and the slump test. The
  straight-leg raise and the slump test measure the same nerve tension, so only the stronger counts.
  Findings with a published association but no likelihood ratio are shown, not weighed.

  Rule: The classic picture puts disc herniation first

    @LDH-001 @LDH-003 @LDH-008 @LDH-015
    Scenario: A young man with sciatica, positive straight and crossed straight-leg raise
      Given a 35-year-old man with sciatica down one leg
      And the straight-leg-raise test is positive
      And the crossed straight-leg-raise test is positive
      And the leg pain is worse than the back pain
      Then the triage is routine
      And disc herniation is first in the differential
      And the probability of disc herniation is above 90 %
      And rule LDH-001 is part of the basis
      And rule LDH-003 is part of the basis
      And rule LDH-008 is part of the basis
      And rule LDH-015 is part of the basis

    @LDH-002 @LDH-004 @LDH-009
    Scenario: Back pain worse than leg pain, with negative nerve tension tests
      Given a 35-year-old man with sciatica down one leg
      And the straight-leg-raise test is negative
      And the crossed straight-leg-raise test is negative
      And the back pain is worse than the leg pain
      Then disc herniation is not first in the differential
      And the probability of disc herniation is below 20 %
      And rule LDH-002 is part of the basis
      And rule LDH-004 is part of the basis
      And rule LDH-009 is part of the basis

  Rule: A positive straight-leg raise makes disc herniation slightly more likely; a negative one, less likely

    Background:
      Given a 40-year-old woman with sciatica down one leg

    @LDH-001 @LDH-002
    Scenario: The straight-leg-raise test is positive
      Given the straight-leg-raise test is positive
      Then rule LDH-001 is part of the basis
      And rule LDH-001 counts for disc herniation
      And rule LDH-002 is not part of the basis

    @LDH-001 @LDH-002
    Scenario: The straight-leg-raise test is negative
      Given the straight-leg-raise test is negative
      Then rule LDH-002 is part of the basis
      And rule LDH-002 counts against disc herniation
      And rule LDH-001 is not part of the basis

    @LDH-001 @LDH-002
    Scenario: The straight-leg-raise test was not done
      Given the straight-leg-raise test was not done
      Then rule LDH-001 is not part of the basis
      And rule LDH-002 is not part of the basis

  Rule: A positive crossed straight-leg raise makes disc herniation more likely; a negative one, slightly less likely

    Background:
      Given a 40-year-old woman with sciatica down one leg
      And the straight-leg-raise test is positive

    @LDH-003 @LDH-004
    Scenario: The crossed straight-leg-raise test is positive
      Given the crossed straight-leg-raise test is positive
      Then rule LDH-003 is part of the basis
      And rule LDH-003 counts for disc herniation
      And rule LDH-004 is not part of the basis

    @LDH-003 @LDH-004
    Scenario: The crossed straight-leg-raise test is negative
      Given the crossed straight-leg-raise test is negative
      Then rule LDH-004 is part of the basis
      And rule LDH-004 counts against disc herniation
      And rule LDH-003 is not part of the basis

    @LDH-003 @LDH-004
    Scenario: The crossed straight-leg-raise test was not done
      Given the crossed straight-leg-raise test was not done
      Then rule LDH-003 is not part of the basis
      And rule LDH-004 is not part of the basis

  Rule: A positive slump test makes disc herniation more likely; a negative one, less likely

    Background:
      Given a 40-year-old woman with sciatica down one leg

    @LDH-005 @LDH-006
    Scenario: The slump test is positive
      Given the slump test is positive
      Then rule LDH-005 is part of the basis
      And rule LDH-005 counts for disc herniation
      And rule LDH-006 is not part of the basis

    @LDH-005 @LDH-006
    Scenario: The slump test is negative
      Given the slump test is negative
      Then rule LDH-006 is part of the basis
      And rule LDH-006 counts against disc herniation
      And rule LDH-005 is not part of the basis

    @LDH-005 @LDH-006
    Scenario: The slump test was not done
      Given the slump test was not done
      Then rule LDH-005 is not part of the basis
      And rule LDH-006 is not part of the basis

    @LDH-001 @LDH-005
    Scenario: Straight-leg raise and slump test both positive: the nerve tension counts once
      Given the straight-leg-raise test is positive
      And the slump test is positive
      Then rule LDH-001 is part of the basis
      And rule LDH-005 is part of the basis
      And rule LDH-005 counts for disc herniation
      And rule LDH-001 is listed for disc herniation but not counted

  Rule: Leg pain that is worse on coughing or sneezing is associated with disc herniation, but is not weighed

    Background:
      Given a 40-year-old woman with sciatica down one leg

    @LDH-007
    Scenario: Coughing makes the leg pain worse
      Given she has leg pain that is worse on coughing or sneezing
      Then rule LDH-007 is part of the basis
      And rule LDH-007 is listed for disc herniation but not counted

    @LDH-007
    Scenario: Coughing does not make the leg pain worse
      Given there is no leg pain that is worse on coughing or sneezing
      Then rule LDH-007 is not part of the basis

    @LDH-007
    Scenario: The effect of coughing was not asked about
      Given leg pain that is worse on coughing or sneezing was not asked about
      Then rule LDH-007 is not part of the basis

  Rule: Leg pain worse than back pain makes disc herniation more likely; back pain worse than leg pain, less likely

    Background:
      Given a 40-year-old woman with sciatica down one leg

    @LDH-008 @LDH-009
    Scenario: The leg pain is worse than the back pain
      Given the leg pain is worse than the back pain
      Then rule LDH-008 is part of the basis
      And rule LDH-008 counts for disc herniation
      And rule LDH-009 is not part of the basis

    @LDH-008 @LDH-009
    Scenario: The back pain is worse than the leg pain
      Given the back pain is worse than the leg pain
      Then rule LDH-009 is part of the basis
      And rule LDH-009 counts against disc herniation
      And rule LDH-008 is not part of the basis

    @LDH-008 @LDH-009
    Scenario: Which hurts more was not asked
      Given whether the back or the leg hurts more was not asked
      Then rule LDH-008 is not part of the basis
      And rule LDH-009 is not part of the basis

  Rule: Sensory loss in a dermatome makes disc herniation slightly more likely; normal sensation, slightly less likely

    Background:
      Given a 40-year-old woman with sciatica down one leg

    @LDH-010 @LDH-011
    Scenario: Numbness in a dermatome
      Given she has numbness in a dermatome
      Then rule LDH-010 is part of the basis
      And rule LDH-010 counts for disc herniation
      And rule LDH-011 is not part of the basis

    @LDH-010 @LDH-011
    Scenario: Normal sensation in the dermatomes
      Given there is no numbness in a dermatome
      Then rule LDH-011 is part of the basis
      And rule LDH-011 counts against disc herniation
      And rule LDH-010 is not part of the basis

    @LDH-010 @LDH-011
    Scenario: Sensation was not examined
      Given numbness in a dermatome was not examined
      Then rule LDH-010 is not part of the basis
      And rule LDH-011 is not part of the basis

  Rule: Weakness in a myotome is associated with nerve-root compression, but is not weighed

    Background:
      Given a 40-year-old woman with sciatica down one leg

    @LDH-012
    Scenario: Weakness in a myotome
      Given she has weakness in a myotome
      Then rule LDH-012 is part of the basis
      And rule LDH-012 is listed for disc herniation but not counted

    @LDH-012
    Scenario: Normal strength
      Given there is no weakness in a myotome
      Then rule LDH-012 is not part of the basis

    @LDH-012
    Scenario: Strength was not examined
      Given weakness in a myotome was not examined
      Then rule LDH-012 is not part of the basis

  Rule: A reduced knee or ankle reflex is associated with nerve-root compression, but is not weighed

    Background:
      Given a 40-year-old woman with sciatica down one leg

    @LDH-013
    Scenario Outline: Reflexes: <reflex finding>
      Given <reflex finding>
      Then rule LDH-013 is part of the basis
      And rule LDH-013 is listed for disc herniation but not counted

      Examples:
        | reflex finding              |
        | the ankle reflex is reduced |
        | the knee reflex is reduced  |

    @LDH-013
    Scenario Outline: Reflexes: <reflex finding>, which is not a reduced knee or ankle reflex
      Given <reflex finding>
      Then rule LDH-013 is not part of the basis

      Examples:
        | reflex finding                 |
        | the reflexes are normal        |
        | both ankle reflexes are absent |
        | the reflexes are brisk         |

    @LDH-013
    Scenario: The reflexes were not examined
      Given the reflexes were not examined
      Then rule LDH-013 is not part of the basis

  Rule: Male sex is associated with nerve-root compression in sciatica, but is not weighed

    @LDH-014
    Scenario: A man with sciatica
      Given a 40-year-old man with sciatica down one leg
      Then rule LDH-014 is part of the basis
      And rule LDH-014 is listed for disc herniation but not counted

    @LDH-014
    Scenario: A woman with sciatica
      Given a 40-year-old woman with sciatica down one leg
      Then rule LDH-014 is not part of the basis

    @LDH-014
    Scenario: Sciatica, sex not recorded
      Given a 40-year-old with sciatica down one leg
      And the patient's sex was not recorded
      Then rule LDH-014 is not part of the basis

  Rule: Leg pain that extends below the knee is associated with nerve-root involvement, but is not weighed

    Background:
      Given a 40-year-old woman with pain in one leg

    @LDH-015
    Scenario: The pain extends below the knee
      Given she has pain below the knee
      Then rule LDH-015 is part of the basis
      And rule LDH-015 is listed for disc herniation but not counted

    @LDH-015
    Scenario: The pain stays above the knee
      Given there is no pain below the knee
      Then rule LDH-015 is not part of the basis

    @LDH-015
    Scenario: How far down the leg the pain goes was not asked
      Given pain below the knee was not asked about
      Then rule LDH-015 is not part of the basis
