Feature: Neurological examination
  Weakness, sensory loss and reflex changes point to a compressed root or the cauda equina, and away from
  referred pain; brisk reflexes point above the lumbar spine. Weakness getting worse over hours or days
  is an emergency.

  Rule: Reflex changes weigh by which reflex and how; normal reflexes weigh against a compressed root

    @NEU-010 @NEU-011 @NEU-012 @NEU-013
    Scenario Outline: The reflexes: <reflexes>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule NEU-010 <if reduced> part of the basis
      And rule NEU-011 <if absent> part of the basis
      And rule NEU-012 <if brisk> part of the basis
      And rule NEU-013 <if normal> part of the basis

      Examples:
        | reflexes          | note                               | if reduced | if absent | if brisk | if normal |
        | ankle reduced     | the ankle reflex is reduced        | is         | is not    | is not   | is not    |
        | knee reduced      | the knee reflex is reduced         | is         | is not    | is not   | is not    |
        | ankles absent     | both ankle reflexes are absent     | is not     | is        | is not   | is not    |
        | brisk             | the reflexes are brisk             | is not     | is not    | is       | is not    |
        | normal            | the reflexes are normal            | is not     | is not    | is not   | is        |
        | not examined      | the reflexes were not examined     | is not     | is not    | is not   | is not    |

    @NEU-010
    Scenario: A reduced ankle reflex counts for disc herniation and against referred pain
      Given a 45-year-old woman with back pain
      And the ankle reflex is reduced
      Then rule NEU-010 is part of the basis
      And rule NEU-010 counts for disc herniation
      And rule NEU-010 counts against non-specific low back pain

    @NEU-012 @NEU-003
    Scenario: Brisk reflexes point above the lumbar spine
      Given a 45-year-old woman with back pain
      And the reflexes are brisk
      Then rule NEU-012 is part of the basis
      And rule NEU-012 counts for another cause
      And rule NEU-003 is part of the basis
      And the record is queried because of rule NEU-003

  Rule: Weakness in a myotome, or weakness getting worse, is a motor deficit

    @NEU-001
    Scenario Outline: Strength: <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule NEU-001 <if a deficit> part of the basis

      Examples:
        | answer                  | note                                      | if a deficit |
        | weak                    | she has weakness in a myotome             | is           |
        | not weak                | there is no weakness in a myotome         | is not       |
        | not examined            | weakness in a myotome was not examined    | is not       |
        | getting weaker          | she has leg weakness that is getting worse | is          |

  Rule: Weakness in a myotome is frequent in cauda equina syndrome, common in radiculopathy and stenosis, and unusual in referred pain.

    @NEU-004 @NEU-005
    Scenario Outline: Myotomal weakness <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule NEU-004 <if present> part of the basis
      And rule NEU-005 <if absent> part of the basis

      Examples:
        | answer       | note                                   | if present | if absent |
        | present      | she has weakness in a myotome          | is         | is not    |
        | absent       | there is no weakness in a myotome      | is not     | is        |
        | not examined | weakness in a myotome was not examined | is not     | is not    |

    @NEU-004
    Scenario: She has weakness in a myotome: where it weighs
      Given a 45-year-old woman with back pain
      And she has weakness in a myotome
      Then rule NEU-004 is part of the basis
      And rule NEU-004 counts for cauda equina syndrome
      And rule NEU-004 counts against degenerative disc or facet disease

    @NEU-005
    Scenario: There is no weakness in a myotome: where it weighs
      Given a 45-year-old woman with back pain
      And there is no weakness in a myotome
      Then rule NEU-005 is part of the basis
      And rule NEU-005 counts for hip osteoarthritis
      And rule NEU-005 counts against cauda equina syndrome

  Rule: Weakness getting worse over hours or days points to compression that is progressing: cauda equina syndrome, an abscess or a tumour.

    @NEU-006 @NEU-007
    Scenario Outline: Progressive weakness <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule NEU-006 <if present> part of the basis
      And rule NEU-007 <if absent> part of the basis

      Examples:
        | answer       | note                                                | if present | if absent |
        | present      | she has leg weakness that is getting worse          | is         | is not    |
        | absent       | there is no leg weakness that is getting worse      | is not     | is        |
        | not examined | leg weakness that is getting worse was not examined | is not     | is not    |

    @NEU-006
    Scenario: She has leg weakness that is getting worse: where it weighs
      Given a 45-year-old woman with back pain
      And she has leg weakness that is getting worse
      Then rule NEU-006 is part of the basis
      And rule NEU-006 counts for spinal tumour

    @NEU-007
    Scenario: There is no leg weakness that is getting worse: where it weighs
      Given a 45-year-old woman with back pain
      And there is no leg weakness that is getting worse
      Then rule NEU-007 is part of the basis
      And rule NEU-007 counts against cauda equina syndrome

  Rule: Sensory loss in a dermatome is frequent in radiculopathy and cauda equina syndrome and unusual in referred pain.

    @NEU-008 @NEU-009
    Scenario Outline: Dermatomal numbness <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule NEU-008 <if present> part of the basis
      And rule NEU-009 <if absent> part of the basis

      Examples:
        | answer       | note                                     | if present | if absent |
        | present      | she has numbness in a dermatome          | is         | is not    |
        | absent       | there is no numbness in a dermatome      | is not     | is        |
        | not examined | numbness in a dermatome was not examined | is not     | is not    |

    @NEU-008
    Scenario: She has numbness in a dermatome: where it weighs
      Given a 45-year-old woman with back pain
      And she has numbness in a dermatome
      Then rule NEU-008 is part of the basis
      And rule NEU-008 counts for cauda equina syndrome
      And rule NEU-008 counts against hip osteoarthritis

    @NEU-009
    Scenario: There is no numbness in a dermatome: where it weighs
      Given a 45-year-old woman with back pain
      And there is no numbness in a dermatome
      Then rule NEU-009 is part of the basis
      And rule NEU-009 counts for hip osteoarthritis
      And rule NEU-009 counts against cauda equina syndrome

  Rule: A positive femoral nerve stretch test points to an upper lumbar root (L2 to L4), compressed by a disc or a narrowed canal, and is sometimes positive in hip disease.

    @NEU-014 @NEU-015
    Scenario Outline: Femoral nerve stretch test <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule NEU-014 <if present> part of the basis
      And rule NEU-015 <if absent> part of the basis

      Examples:
        | answer       | note                                        | if present | if absent |
        | present      | the femoral nerve stretch test is positive  | is         | is not    |
        | absent       | the femoral nerve stretch test is negative  | is not     | is        |
        | not examined | the femoral nerve stretch test was not done | is not     | is not    |

    @NEU-014
    Scenario: The femoral nerve stretch test is positive: where it weighs
      Given a 45-year-old woman with back pain
      And the femoral nerve stretch test is positive
      Then rule NEU-014 is part of the basis
      And rule NEU-014 counts for disc herniation
      And rule NEU-014 counts against piriformis syndrome

    @NEU-015
    Scenario: The femoral nerve stretch test is negative: where it weighs
      Given a 45-year-old woman with back pain
      And the femoral nerve stretch test is negative
      Then rule NEU-015 is part of the basis

  Rule: Weakness that is getting worse over hours or days needs imaging without delay.

    @NEU-002
    Scenario Outline: Progressive weakness <answer> (NEU-002)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule NEU-002 <if present> part of the basis

      Examples:
        | answer       | note                                                | if present |
        | present      | she has leg weakness that is getting worse          | is         |
        | absent       | there is no leg weakness that is getting worse      | is not     |
        | not examined | leg weakness that is getting worse was not examined | is not     |

    @NEU-002
    Scenario: She has leg weakness that is getting worse: the red flag (NEU-002)
      Given a 45-year-old woman with back pain
      And she has leg weakness that is getting worse
      Then rule NEU-002 is part of the basis
      And the red flags include Progressive motor deficit
      And the triage is emergency

  Rule: Brisk reflexes are an upper motor neuron sign: they point to the spinal cord above the lumbar spine, which a lumbar nerve-root or cauda equina lesion does not explain.

    @NEU-003
    Scenario Outline: Reflex change <answer> (NEU-003)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule NEU-003 <if present> part of the basis

      Examples:
        | answer       | note                           | if present |
        | present      | the reflexes are brisk         | is         |
        | absent       | the reflexes are normal        | is not     |
        | not examined | the reflexes were not examined | is not     |

    @NEU-003
    Scenario: The reflexes are brisk: the record is queried
      Given a 45-year-old woman with back pain
      And the reflexes are brisk
      Then rule NEU-003 is part of the basis
      And the record is queried because of rule NEU-003
