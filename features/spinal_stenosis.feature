Feature: Lumbar spinal stenosis with neurogenic claudication
  Spinal stenosis is suggested by older age, pain in both legs brought on by walking or standing
  (neurogenic claudication), and relief on sitting or on leaning forward (Suri 2010). Age enters through
  the prior of the patient's age band; each finding states how often it occurs in every cause.

  Rule: The classic picture puts spinal stenosis first

    @LSS-001 @LSS-003 @LSS-007 @LSS-009
    Scenario: An older woman whose leg pain on walking eases when she sits or leans forward
      Given a 72-year-old woman with pain in both legs on walking that eases when sitting
      And leaning forward eases the pain
      Then the triage is routine
      And spinal stenosis is first in the differential
      And rule LSS-001 is part of the basis
      And rule LSS-003 is part of the basis
      And rule LSS-007 is part of the basis
      And rule LSS-009 is part of the basis

  Rule: Leg pain brought on by walking or standing is usual in stenosis, in a degenerative slip and in arterial claudication, and uncommon in other leg pain.

    @LSS-001 @LSS-002
    Scenario Outline: Neurogenic claudication <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LSS-001 <if present> part of the basis
      And rule LSS-002 <if absent> part of the basis

      Examples:
        | answer       | note                                     | if present | if absent |
        | present      | she has neurogenic claudication          | is         | is not    |
        | absent       | there is no neurogenic claudication      | is not     | is        |
        | not examined | neurogenic claudication was not examined | is not     | is not    |

    @LSS-001
    Scenario: She has neurogenic claudication: where it weighs
      Given a 45-year-old woman with back pain
      And she has neurogenic claudication
      Then rule LSS-001 is part of the basis
      And rule LSS-001 counts for vascular claudication
      And rule LSS-001 counts against cauda equina syndrome

    @LSS-002
    Scenario: There is no neurogenic claudication: where it weighs
      Given a 45-year-old woman with back pain
      And there is no neurogenic claudication
      Then rule LSS-002 is part of the basis
      And rule LSS-002 counts against vascular claudication

  Rule: Leg symptoms that ease on sitting are usual in stenosis and unusual in piriformis syndrome.

    @LSS-003 @LSS-004
    Scenario Outline: Relief on sitting <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LSS-003 <if present> part of the basis
      And rule LSS-004 <if absent> part of the basis

      Examples:
        | answer       | note                                             | if present | if absent |
        | present      | sitting eases the leg pain                       | is         | is not    |
        | absent       | sitting does not ease the leg pain               | is not     | is        |
        | not examined | whether sitting eases the leg pain was not asked | is not     | is not    |

    @LSS-003
    Scenario: Sitting eases the leg pain: where it weighs
      Given a 45-year-old woman with back pain
      And sitting eases the leg pain
      Then rule LSS-003 is part of the basis
      And rule LSS-003 counts for spondylolisthesis
      And rule LSS-003 counts against piriformis syndrome

    @LSS-004
    Scenario: Sitting does not ease the leg pain: where it weighs
      Given a 45-year-old woman with back pain
      And sitting does not ease the leg pain
      Then rule LSS-004 is part of the basis
      And rule LSS-004 counts for piriformis syndrome
      And rule LSS-004 counts against spinal stenosis

  Rule: Pain worse on sitting is frequent in piriformis syndrome and in isthmic slips, and unusual in stenosis and degenerative slips, whose symptoms ease on sitting.

    @LSS-005 @LSS-006
    Scenario Outline: Worse on sitting <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LSS-005 <if present> part of the basis
      And rule LSS-006 <if absent> part of the basis

      Examples:
        | answer       | note                                               | if present | if absent |
        | present      | sitting makes the pain worse                       | is         | is not    |
        | absent       | sitting does not make the pain worse               | is not     | is        |
        | not examined | whether sitting makes the pain worse was not asked | is not     | is not    |

    @LSS-005
    Scenario: Sitting makes the pain worse: where it weighs
      Given a 45-year-old woman with back pain
      And sitting makes the pain worse
      Then rule LSS-005 is part of the basis
      And rule LSS-005 counts for piriformis syndrome
      And rule LSS-005 counts against spinal stenosis

    @LSS-006
    Scenario: Sitting does not make the pain worse: where it weighs
      Given a 45-year-old woman with back pain
      And sitting does not make the pain worse
      Then rule LSS-006 is part of the basis
      And rule LSS-006 counts for spinal stenosis
      And rule LSS-006 counts against piriformis syndrome

  Rule: Symptoms that ease on bending or leaning forward are frequent in stenosis and rare otherwise.

    @LSS-007 @LSS-008
    Scenario Outline: Relief on leaning forward <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LSS-007 <if present> part of the basis
      And rule LSS-008 <if absent> part of the basis

      Examples:
        | answer       | note                                                 | if present | if absent |
        | present      | leaning forward eases the pain                       | is         | is not    |
        | absent       | leaning forward does not ease the pain               | is not     | is        |
        | not examined | whether leaning forward eases the pain was not asked | is not     | is not    |

    @LSS-007
    Scenario: Leaning forward eases the pain: where it weighs
      Given a 45-year-old woman with back pain
      And leaning forward eases the pain
      Then rule LSS-007 is part of the basis
      And rule LSS-007 counts for spondylolisthesis
      And rule LSS-007 counts against cauda equina syndrome

    @LSS-008
    Scenario: Leaning forward does not ease the pain: where it weighs
      Given a 45-year-old woman with back pain
      And leaning forward does not ease the pain
      Then rule LSS-008 is part of the basis
      And rule LSS-008 counts against spinal stenosis

  Rule: Pain reaching both legs (or alternating) is frequent in stenosis, in a slip and in cauda equina syndrome, and unusual in other leg pain.

    @LSS-009 @LSS-010
    Scenario Outline: Pain distribution <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LSS-009 <if present> part of the basis
      And rule LSS-010 <if absent> part of the basis

      Examples:
        | answer       | note                                         | if present | if absent |
        | present      | the pain is in both legs                     | is         | is not    |
        | absent       | the pain is in one leg only                  | is not     | is        |
        | not examined | which legs the pain reaches was not recorded | is not     | is not    |

    @LSS-009
    Scenario: The pain is in both legs: where it weighs
      Given a 45-year-old woman with back pain
      And the pain is in both legs
      Then rule LSS-009 is part of the basis
      And rule LSS-009 counts for cauda equina syndrome
      And rule LSS-009 counts against disc herniation

    @LSS-010
    Scenario: The pain is in one leg only: where it weighs
      Given a 45-year-old woman with back pain
      And the pain is in one leg only
      Then rule LSS-010 is part of the basis
      And rule LSS-010 counts against cauda equina syndrome

  Rule: Symptoms lasting more than six months are usual in stenosis and degenerative pain, and unusual in cauda equina syndrome, infection or fracture.

    @LSS-011 @LSS-012
    Scenario Outline: Symptom duration (weeks) <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule LSS-011 <if present> part of the basis
      And rule LSS-012 <if absent> part of the basis

      Examples:
        | answer       | note                                               | if present | if absent |
        | present      | the symptoms have lasted 30 weeks                  | is         | is not    |
        | absent       | the symptoms have lasted 10 weeks                  | is not     | is        |
        | not examined | how long the symptoms have lasted was not recorded | is not     | is not    |

    @LSS-011
    Scenario: The symptoms have lasted 30 weeks: where it weighs
      Given a 45-year-old woman with back pain
      And the symptoms have lasted 30 weeks
      Then rule LSS-011 is part of the basis
      And rule LSS-011 counts for spinal stenosis
      And rule LSS-011 counts against cauda equina syndrome

    @LSS-012
    Scenario: The symptoms have lasted 10 weeks: where it weighs
      Given a 45-year-old woman with back pain
      And the symptoms have lasted 10 weeks
      Then rule LSS-012 is part of the basis
      And rule LSS-012 counts for cauda equina syndrome
      And rule LSS-012 counts against spinal stenosis
