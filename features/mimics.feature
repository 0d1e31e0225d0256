Feature: Mimics of radicular leg pain
  Arterial disease, hip osteoarthritis, sacroiliac joint pain, shingles and degenerative or non-specific
  back pain can all look like pain radiating from the back. Their own findings move them up or down the
  differential, and the findings of the spinal causes move them too.

  Rule: A 70-year-old whose leg pain on walking eases on standing still, with reduced foot pulses, has vascular claudication first

    @VAS-001 @VAS-003 @VAS-005 @LSS-001 @LSS-008
    Scenario: A 70-year-old with exertional leg pain eased by standing still and reduced foot pulses
      Given a 70-year-old man with pain in one leg
      And he has neurogenic claudication
      And standing still eases the leg pain of walking
      And the foot pulses are reduced
      And leaning forward does not ease the pain
      Then vascular claudication is first in the differential
      And the red flags include possible peripheral arterial disease
      And vascular claudication is listed as not to be missed
      And rule VAS-001 is part of the basis
      And rule VAS-003 is part of the basis
      And rule VAS-003 counts for vascular claudication
      And rule VAS-003 counts against spinal stenosis
      And rule VAS-005 is part of the basis
      And rule LSS-001 is part of the basis
      And rule LSS-008 is part of the basis

  Rule: Back pain worse than the leg pain, stopping above the knee, with a normal neurological examination, is referred pain

    @LDH-009 @LDH-012 @NEU-005 @NEU-009
    Scenario: Referred pain from the back
      Given a 45-year-old man with back pain
      And the back pain is worse than the leg pain
      And there is no pain below the knee
      And there is no weakness in a myotome
      And there is no numbness in a dermatome
      And the straight-leg-raise test is negative
      Then non-specific low back pain is among the first 2 in the differential
      And degenerative disc or facet disease is among the first 2 in the differential
      And rule LDH-009 is part of the basis
      And rule LDH-012 is part of the basis
      And rule NEU-005 is part of the basis
      And rule NEU-009 is part of the basis

  Rule: Reduced or absent foot pulses are frequent in arterial claudication and uncommon in other leg pain.

    @VAS-001 @VAS-002
    Scenario Outline: Reduced pedal pulses <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule VAS-001 <if present> part of the basis
      And rule VAS-002 <if absent> part of the basis

      Examples:
        | answer       | note                             | if present | if absent |
        | present      | the foot pulses are reduced      | is         | is not    |
        | absent       | the foot pulses are normal       | is not     | is        |
        | not examined | the foot pulses were not checked | is not     | is not    |

    @VAS-001
    Scenario: The foot pulses are reduced: where it weighs
      Given a 45-year-old woman with back pain
      And the foot pulses are reduced
      Then rule VAS-001 is part of the basis
      And rule VAS-001 counts for vascular claudication

    @VAS-002
    Scenario: The foot pulses are normal: where it weighs
      Given a 45-year-old woman with back pain
      And the foot pulses are normal
      Then rule VAS-002 is part of the basis
      And rule VAS-002 counts against vascular claudication

  Rule: Leg pain on walking that eases on standing still, without sitting or bending, separates arterial from neurogenic claudication.

    @VAS-003 @VAS-004
    Scenario Outline: Relief on standing still <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule VAS-003 <if present> part of the basis
      And rule VAS-004 <if absent> part of the basis

      Examples:
        | answer       | note                                                    | if present | if absent |
        | present      | standing still eases the leg pain of walking            | is         | is not    |
        | absent       | standing still does not ease the leg pain of walking    | is not     | is        |
        | not examined | whether standing still eases the leg pain was not asked | is not     | is not    |

    @VAS-003
    Scenario: Standing still eases the leg pain of walking: where it weighs
      Given a 45-year-old woman with back pain
      And standing still eases the leg pain of walking
      Then rule VAS-003 is part of the basis
      And rule VAS-003 is part of the basis
      And rule VAS-003 counts for vascular claudication
      And rule VAS-003 counts against spinal stenosis

    @VAS-004
    Scenario: Standing still does not ease the leg pain of walking: where it weighs
      Given a 45-year-old woman with back pain
      And standing still does not ease the leg pain of walking
      Then rule VAS-004 is part of the basis
      And rule VAS-004 counts against vascular claudication

  Rule: Pain or restriction on hip internal rotation is frequent in hip osteoarthritis, and provokes piriformis syndrome.

    @HIP-001 @HIP-002
    Scenario Outline: Pain on hip internal rotation <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule HIP-001 <if present> part of the basis
      And rule HIP-002 <if absent> part of the basis

      Examples:
        | answer       | note                                                  | if present | if absent |
        | present      | she has pain on internal rotation of the hip          | is         | is not    |
        | absent       | there is no pain on internal rotation of the hip      | is not     | is        |
        | not examined | pain on internal rotation of the hip was not examined | is not     | is not    |

    @HIP-001
    Scenario: She has pain on internal rotation of the hip: where it weighs
      Given a 45-year-old woman with back pain
      And she has pain on internal rotation of the hip
      Then rule HIP-001 is part of the basis
      And rule HIP-001 counts for hip osteoarthritis

    @HIP-002
    Scenario: There is no pain on internal rotation of the hip: where it weighs
      Given a 45-year-old woman with back pain
      And there is no pain on internal rotation of the hip
      Then rule HIP-002 is part of the basis
      And rule HIP-002 counts against hip osteoarthritis

  Rule: Groin pain points to the hip rather than the spine.

    @HIP-003 @HIP-004
    Scenario Outline: Groin pain <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule HIP-003 <if present> part of the basis
      And rule HIP-004 <if absent> part of the basis

      Examples:
        | answer       | note                               | if present | if absent |
        | present      | she has pain in the groin          | is         | is not    |
        | absent       | there is no pain in the groin      | is not     | is        |
        | not examined | pain in the groin was not examined | is not     | is not    |

    @HIP-003
    Scenario: She has pain in the groin: where it weighs
      Given a 45-year-old woman with back pain
      And she has pain in the groin
      Then rule HIP-003 is part of the basis
      And rule HIP-003 counts for hip osteoarthritis

    @HIP-004
    Scenario: There is no pain in the groin: where it weighs
      Given a 45-year-old woman with back pain
      And there is no pain in the groin
      Then rule HIP-004 is part of the basis
      And rule HIP-004 counts against hip osteoarthritis

  Rule: A vesicular rash in a dermatome is shingles, a cause of leg pain the ruleset does not name.

    @OTH-001 @OTH-002
    Scenario Outline: Dermatomal rash <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule OTH-001 <if present> part of the basis
      And rule OTH-002 <if absent> part of the basis

      Examples:
        | answer       | note                                             | if present | if absent |
        | present      | she has a vesicular rash in a dermatome          | is         | is not    |
        | absent       | there is no vesicular rash in a dermatome        | is not     | is        |
        | not examined | a vesicular rash in a dermatome was not examined | is not     | is not    |

    @OTH-001
    Scenario: She has a vesicular rash in a dermatome: where it weighs
      Given a 45-year-old woman with back pain
      And she has a vesicular rash in a dermatome
      Then rule OTH-001 is part of the basis
      And rule OTH-001 counts for another cause
      And rule OTH-001 counts against cauda equina syndrome

    @OTH-002
    Scenario: There is no vesicular rash in a dermatome: where it weighs
      Given a 45-year-old woman with back pain
      And there is no vesicular rash in a dermatome
      Then rule OTH-002 is part of the basis
      And rule OTH-002 counts against another cause

  Rule: Positive sacroiliac provocation tests point to sacroiliac joint pain, a cause the ruleset does not name.

    @OTH-003 @OTH-004
    Scenario Outline: Sacroiliac provocation tests <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule OTH-003 <if present> part of the basis
      And rule OTH-004 <if absent> part of the basis

      Examples:
        | answer       | note                                         | if present | if absent |
        | present      | the sacroiliac provocation test is positive  | is         | is not    |
        | absent       | the sacroiliac provocation test is negative  | is not     | is        |
        | not examined | the sacroiliac provocation test was not done | is not     | is not    |

    @OTH-003
    Scenario: The sacroiliac provocation test is positive: where it weighs
      Given a 45-year-old woman with back pain
      And the sacroiliac provocation test is positive
      Then rule OTH-003 is part of the basis
      And rule OTH-003 counts for another cause
      And rule OTH-003 counts against cauda equina syndrome

    @OTH-004
    Scenario: The sacroiliac provocation test is negative: where it weighs
      Given a 45-year-old woman with back pain
      And the sacroiliac provocation test is negative
      Then rule OTH-004 is part of the basis
      And rule OTH-004 counts against another cause

  Rule: Reduced foot pulses raise the possibility of peripheral arterial disease.

    @VAS-005
    Scenario Outline: Reduced pedal pulses <answer> (VAS-005)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule VAS-005 <if present> part of the basis

      Examples:
        | answer       | note                             | if present |
        | present      | the foot pulses are reduced      | is         |
        | absent       | the foot pulses are normal       | is not     |
        | not examined | the foot pulses were not checked | is not     |

    @VAS-005
    Scenario: The foot pulses are reduced: the red flag (VAS-005)
      Given a 45-year-old woman with back pain
      And the foot pulses are reduced
      Then rule VAS-005 is part of the basis
      And the red flags include Possible peripheral arterial disease
      And the triage is routine
