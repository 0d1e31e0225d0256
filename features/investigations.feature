Feature: Investigations
  Imaging, the ankle-brachial index and inflammatory markers are findings like the others, weighed
  against how often the same finding is seen in people without symptoms: a disc protrusion on MRI is
  evidence, not a diagnosis. A test left out was not done; a test done and normal is recorded as absent.

  Rule: A disc protrusion on imaging moves the differential, but a normal MRI moves it more

    @INV-001 @INV-002
    Scenario: Sciatica with a disc herniation on imaging
      Given a 35-year-old man with sciatica down one leg
      And the straight-leg-raise test is positive
      And he has a disc herniation on imaging
      Then disc herniation is first in the differential
      And rule INV-001 is part of the basis
      And rule INV-001 counts for disc herniation
      And rule INV-002 is not part of the basis

    @INV-002 @INV-028 @PIR-001
    Scenario: Buttock pain with a positive FAIR test and no disc herniation on imaging
      Given a 40-year-old woman with pain in one leg
      And she has deep buttock pain
      And the FAIR test is positive
      And there is no disc herniation on imaging
      Then piriformis syndrome is first in the differential
      And rule INV-002 is part of the basis
      And rule INV-002 counts against disc herniation
      And rule INV-028 is not part of the basis
      And rule PIR-001 is part of the basis

  Rule: A disc protrusion or extrusion on MRI or CT is found in disc herniation and in about a third of people without symptoms.

    @INV-001 @INV-002
    Scenario Outline: Imaging: disc herniation <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-001 <if present> part of the basis
      And rule INV-002 <if absent> part of the basis

      Examples:
        | answer       | note                                            | if present | if absent |
        | present      | she has a disc herniation on imaging            | is         | is not    |
        | absent       | there is no disc herniation on imaging          | is not     | is        |
        | not examined | a disc herniation on imaging was not looked for | is not     | is not    |

    @INV-001
    Scenario: She has a disc herniation on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And he has a disc herniation on imaging
      Then rule INV-001 is part of the basis
      And rule INV-001 is part of the basis
      And rule INV-001 counts for disc herniation
      And rule INV-001 counts against spinal stenosis

    @INV-002
    Scenario: There is no disc herniation on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no disc herniation on imaging
      Then rule INV-002 is part of the basis
      And rule INV-002 counts for another cause
      And rule INV-002 is part of the basis
      And rule INV-002 counts against disc herniation

  Rule: A compressed nerve root on imaging is usual in radiculopathy and present in a third of referred leg pain.

    @INV-003 @INV-004
    Scenario Outline: Imaging: nerve root compression <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-003 <if present> part of the basis
      And rule INV-004 <if absent> part of the basis

      Examples:
        | answer       | note                                                 | if present | if absent |
        | present      | she has nerve-root compression on imaging            | is         | is not    |
        | absent       | there is no nerve-root compression on imaging        | is not     | is        |
        | not examined | nerve-root compression on imaging was not looked for | is not     | is not    |

    @INV-003
    Scenario: She has nerve-root compression on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has nerve-root compression on imaging
      Then rule INV-003 is part of the basis
      And rule INV-003 counts for disc herniation
      And rule INV-003 counts against piriformis syndrome

    @INV-004
    Scenario: There is no nerve-root compression on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no nerve-root compression on imaging
      Then rule INV-004 is part of the basis
      And rule INV-004 counts for another cause
      And rule INV-004 counts against cauda equina syndrome

  Rule: Compression of the cauda equina on MRI or CT is the finding that confirms cauda equina syndrome.

    @INV-005 @INV-006
    Scenario Outline: Imaging: cauda equina compression <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-005 <if present> part of the basis
      And rule INV-006 <if absent> part of the basis

      Examples:
        | answer       | note                                                   | if present | if absent |
        | present      | she has cauda equina compression on imaging            | is         | is not    |
        | absent       | there is no cauda equina compression on imaging        | is not     | is        |
        | not examined | cauda equina compression on imaging was not looked for | is not     | is not    |

    @INV-005
    Scenario: She has cauda equina compression on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has cauda equina compression on imaging
      Then rule INV-005 is part of the basis
      And rule INV-005 counts for cauda equina syndrome
      And rule INV-005 counts against disc herniation

    @INV-006
    Scenario: There is no cauda equina compression on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no cauda equina compression on imaging
      Then rule INV-006 is part of the basis
      And rule INV-006 counts against cauda equina syndrome

  Rule: Moderate or severe central canal stenosis on imaging is found in stenosis and in most symptomatic slips, and in about a quarter of older people without the syndrome.

    @INV-007 @INV-008
    Scenario Outline: Imaging: central canal stenosis <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-007 <if present> part of the basis
      And rule INV-008 <if absent> part of the basis

      Examples:
        | answer       | note                                       | if present | if absent |
        | present      | imaging shows severe canal stenosis        | is         | is not    |
        | absent       | imaging shows mild canal stenosis          | is not     | is        |
        | not examined | canal stenosis on imaging was not reported | is not     | is not    |

    @INV-007
    Scenario: Imaging shows severe canal stenosis: where it weighs
      Given a 45-year-old woman with back pain
      And imaging shows severe canal stenosis
      Then rule INV-007 is part of the basis
      And rule INV-007 counts for spinal stenosis
      And rule INV-007 counts against disc herniation

    @INV-008
    Scenario: Imaging shows mild canal stenosis: where it weighs
      Given a 45-year-old woman with back pain
      And imaging shows mild canal stenosis
      Then rule INV-008 is part of the basis
      And rule INV-008 counts for another cause
      And rule INV-008 counts against spinal stenosis

  Rule: Foraminal or lateral-recess narrowing on imaging is frequent in slips and stenosis.

    @INV-009 @INV-010
    Scenario Outline: Imaging: foraminal stenosis <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-009 <if present> part of the basis
      And rule INV-010 <if absent> part of the basis

      Examples:
        | answer       | note                                              | if present | if absent |
        | present      | she has foraminal narrowing on imaging            | is         | is not    |
        | absent       | there is no foraminal narrowing on imaging        | is not     | is        |
        | not examined | foraminal narrowing on imaging was not looked for | is not     | is not    |

    @INV-009
    Scenario: She has foraminal narrowing on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has foraminal narrowing on imaging
      Then rule INV-009 is part of the basis
      And rule INV-009 counts for spondylolisthesis
      And rule INV-009 counts against cauda equina syndrome

    @INV-010
    Scenario: There is no foraminal narrowing on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no foraminal narrowing on imaging
      Then rule INV-010 is part of the basis
      And rule INV-010 counts against spondylolisthesis

  Rule: A slip on imaging is seen in most symptomatic spondylolisthesis and in one in seven people of 50 without symptoms.

    @INV-011 @INV-012
    Scenario Outline: Imaging: spondylolisthesis <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-011 <if present> part of the basis
      And rule INV-012 <if absent> part of the basis

      Examples:
        | answer       | note                                 | if present | if absent |
        | present      | she has a slip on imaging            | is         | is not    |
        | absent       | there is no slip on imaging          | is not     | is        |
        | not examined | a slip on imaging was not looked for | is not     | is not    |

    @INV-011
    Scenario: She has a slip on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has a slip on imaging
      Then rule INV-011 is part of the basis
      And rule INV-011 counts for spondylolisthesis

    @INV-012
    Scenario: There is no slip on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no slip on imaging
      Then rule INV-012 is part of the basis
      And rule INV-012 counts against spondylolisthesis

  Rule: A slip of Meyerding grade 2 or more is rare without symptoms.

    @INV-013 @INV-014
    Scenario Outline: Imaging: Meyerding grade of the slip (1-5) <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-013 <if present> part of the basis
      And rule INV-014 <if absent> part of the basis

      Examples:
        | answer       | note                                   | if present | if absent |
        | present      | the slip is Meyerding grade 2          | is         | is not    |
        | absent       | the slip is Meyerding grade 1          | is not     | is        |
        | not examined | the grade of the slip was not reported | is not     | is not    |

    @INV-013
    Scenario: The slip is Meyerding grade 2: where it weighs
      Given a 45-year-old woman with back pain
      And the slip is Meyerding grade 2
      Then rule INV-013 is part of the basis
      And rule INV-013 counts for spondylolisthesis

    @INV-014
    Scenario: The slip is Meyerding grade 1: where it weighs
      Given a 45-year-old woman with back pain
      And the slip is Meyerding grade 1
      Then rule INV-014 is part of the basis
      And rule INV-014 counts against spondylolisthesis

  Rule: A pars defect on imaging is found in isthmic slips and in about one in ten adults without symptoms.

    @INV-015 @INV-016
    Scenario Outline: Imaging: pars defect <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-015 <if present> part of the basis
      And rule INV-016 <if absent> part of the basis

      Examples:
        | answer       | note                                        | if present | if absent |
        | present      | she has a pars defect on imaging            | is         | is not    |
        | absent       | there is no pars defect on imaging          | is not     | is        |
        | not examined | a pars defect on imaging was not looked for | is not     | is not    |

    @INV-015
    Scenario: She has a pars defect on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has a pars defect on imaging
      Then rule INV-015 is part of the basis
      And rule INV-015 counts for spondylolisthesis

    @INV-016
    Scenario: There is no pars defect on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no pars defect on imaging
      Then rule INV-016 is part of the basis
      And rule INV-016 counts against spondylolisthesis

  Rule: Disc or facet degeneration on imaging is seen in most adults without symptoms; it barely moves the ranking.

    @INV-017 @INV-018
    Scenario Outline: Imaging: degeneration <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-017 <if present> part of the basis
      And rule INV-018 <if absent> part of the basis

      Examples:
        | answer       | note                                       | if present | if absent |
        | present      | she has degeneration on imaging            | is         | is not    |
        | absent       | there is no degeneration on imaging        | is not     | is        |
        | not examined | degeneration on imaging was not looked for | is not     | is not    |

    @INV-017
    Scenario: She has degeneration on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has degeneration on imaging
      Then rule INV-017 is part of the basis
      And rule INV-017 counts for degenerative disc or facet disease

    @INV-018
    Scenario: There is no degeneration on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no degeneration on imaging
      Then rule INV-018 is part of the basis
      And rule INV-018 counts for another cause
      And rule INV-018 counts against degenerative disc or facet disease

  Rule: A fracture on imaging is found in most vertebral fractures and in over a quarter of older people without an acute one.

    @INV-019 @INV-020
    Scenario Outline: Imaging: fracture <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-019 <if present> part of the basis
      And rule INV-020 <if absent> part of the basis

      Examples:
        | answer       | note                                     | if present | if absent |
        | present      | she has a fracture on imaging            | is         | is not    |
        | absent       | there is no fracture on imaging          | is not     | is        |
        | not examined | a fracture on imaging was not looked for | is not     | is not    |

    @INV-019
    Scenario: She has a fracture on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has a fracture on imaging
      Then rule INV-019 is part of the basis
      And rule INV-019 counts for vertebral fracture

    @INV-020
    Scenario: There is no fracture on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no fracture on imaging
      Then rule INV-020 is part of the basis
      And rule INV-020 counts against vertebral fracture

  Rule: A lesion suspicious for tumour on imaging is found in most spinal malignancy and few others.

    @INV-021 @INV-022
    Scenario Outline: Imaging: neoplasm <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-021 <if present> part of the basis
      And rule INV-022 <if absent> part of the basis

      Examples:
        | answer       | note                                                         | if present | if absent |
        | present      | she has a lesion suspicious for tumour on imaging            | is         | is not    |
        | absent       | there is no lesion suspicious for tumour on imaging          | is not     | is        |
        | not examined | a lesion suspicious for tumour on imaging was not looked for | is not     | is not    |

    @INV-021
    Scenario: She has a lesion suspicious for tumour on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has a lesion suspicious for tumour on imaging
      Then rule INV-021 is part of the basis
      And rule INV-021 counts for spinal tumour

    @INV-022
    Scenario: There is no lesion suspicious for tumour on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no lesion suspicious for tumour on imaging
      Then rule INV-022 is part of the basis
      And rule INV-022 counts against spinal tumour

  Rule: Discitis, osteomyelitis or an abscess on imaging is found in nearly all spinal infection and few others.

    @INV-023 @INV-024
    Scenario Outline: Imaging: infection <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-023 <if present> part of the basis
      And rule INV-024 <if absent> part of the basis

      Examples:
        | answer       | note                                    | if present | if absent |
        | present      | she has infection on imaging            | is         | is not    |
        | absent       | there is no infection on imaging        | is not     | is        |
        | not examined | infection on imaging was not looked for | is not     | is not    |

    @INV-023
    Scenario: She has infection on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has infection on imaging
      Then rule INV-023 is part of the basis
      And rule INV-023 counts for spinal infection

    @INV-024
    Scenario: There is no infection on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no infection on imaging
      Then rule INV-024 is part of the basis
      And rule INV-024 counts against spinal infection

  Rule: Hip osteoarthritis on imaging is found in most symptomatic hip disease and in a quarter of older people.

    @INV-025 @INV-026
    Scenario Outline: Imaging: hip osteoarthritis <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-025 <if present> part of the basis
      And rule INV-026 <if absent> part of the basis

      Examples:
        | answer       | note                                             | if present | if absent |
        | present      | she has hip osteoarthritis on imaging            | is         | is not    |
        | absent       | there is no hip osteoarthritis on imaging        | is not     | is        |
        | not examined | hip osteoarthritis on imaging was not looked for | is not     | is not    |

    @INV-025
    Scenario: She has hip osteoarthritis on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has hip osteoarthritis on imaging
      Then rule INV-025 is part of the basis
      And rule INV-025 counts for hip osteoarthritis

    @INV-026
    Scenario: There is no hip osteoarthritis on imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no hip osteoarthritis on imaging
      Then rule INV-026 is part of the basis
      And rule INV-026 counts against hip osteoarthritis

  Rule: A piriformis or sciatic-notch abnormality on pelvic MRI or neurography points to piriformis syndrome.

    @INV-027 @INV-028
    Scenario Outline: Imaging: piriformis abnormality <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-027 <if present> part of the basis
      And rule INV-028 <if absent> part of the basis

      Examples:
        | answer       | note                                                          | if present | if absent |
        | present      | she has a piriformis abnormality on pelvic imaging            | is         | is not    |
        | absent       | there is no piriformis abnormality on pelvic imaging          | is not     | is        |
        | not examined | a piriformis abnormality on pelvic imaging was not looked for | is not     | is not    |

    @INV-027
    Scenario: She has a piriformis abnormality on pelvic imaging: where it weighs
      Given a 45-year-old woman with back pain
      And she has a piriformis abnormality on pelvic imaging
      Then rule INV-027 is part of the basis
      And rule INV-027 counts for piriformis syndrome
      And rule INV-027 counts against cauda equina syndrome

    @INV-028
    Scenario: There is no piriformis abnormality on pelvic imaging: where it weighs
      Given a 45-year-old woman with back pain
      And there is no piriformis abnormality on pelvic imaging
      Then rule INV-028 is part of the basis
      And rule INV-028 counts against piriformis syndrome

  Rule: Significant arterial stenosis or occlusion on duplex or angiography confirms arterial disease.

    @INV-029 @INV-030
    Scenario Outline: Imaging: arterial occlusion <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-029 <if present> part of the basis
      And rule INV-030 <if absent> part of the basis

      Examples:
        | answer       | note                                                 | if present | if absent |
        | present      | she has arterial occlusion on angiography            | is         | is not    |
        | absent       | there is no arterial occlusion on angiography        | is not     | is        |
        | not examined | arterial occlusion on angiography was not looked for | is not     | is not    |

    @INV-029
    Scenario: She has arterial occlusion on angiography: where it weighs
      Given a 45-year-old woman with back pain
      And she has arterial occlusion on angiography
      Then rule INV-029 is part of the basis
      And rule INV-029 counts for vascular claudication

    @INV-030
    Scenario: There is no arterial occlusion on angiography: where it weighs
      Given a 45-year-old woman with back pain
      And there is no arterial occlusion on angiography
      Then rule INV-030 is part of the basis
      And rule INV-030 counts against vascular claudication

  Rule: An ankle-brachial index of 0.90 or less points to arterial disease.

    @INV-031 @INV-032
    Scenario Outline: Ankle-brachial index (ratio, 0-2) <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-031 <if present> part of the basis
      And rule INV-032 <if absent> part of the basis

      Examples:
        | answer       | note                                      | if present | if absent |
        | present      | the ankle-brachial index is 0.7           | is         | is not    |
        | absent       | the ankle-brachial index is 1.1           | is not     | is        |
        | not examined | the ankle-brachial index was not measured | is not     | is not    |

    @INV-031
    Scenario: The ankle-brachial index is 0.7: where it weighs
      Given a 45-year-old woman with back pain
      And the ankle-brachial index is 0.7
      Then rule INV-031 is part of the basis
      And rule INV-031 counts for vascular claudication

    @INV-032
    Scenario: The ankle-brachial index is 1.1: where it weighs
      Given a 45-year-old woman with back pain
      And the ankle-brachial index is 1.1
      Then rule INV-032 is part of the basis
      And rule INV-032 counts against vascular claudication

  Rule: Raised inflammatory markers are found in nearly all spinal infection and in over half of other back pain seen urgently.

    @INV-033 @INV-034
    Scenario Outline: Inflammatory markers raised <answer>
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-033 <if present> part of the basis
      And rule INV-034 <if absent> part of the basis

      Examples:
        | answer       | note                                           | if present | if absent |
        | present      | she has raised inflammatory markers            | is         | is not    |
        | absent       | there is no raised inflammatory markers        | is not     | is        |
        | not examined | raised inflammatory markers was not looked for | is not     | is not    |

    @INV-033
    Scenario: She has raised inflammatory markers: where it weighs
      Given a 45-year-old woman with back pain
      And she has raised inflammatory markers
      Then rule INV-033 is part of the basis
      And rule INV-033 counts for spinal infection

    @INV-034
    Scenario: There is no raised inflammatory markers: where it weighs
      Given a 45-year-old woman with back pain
      And there is no raised inflammatory markers
      Then rule INV-034 is part of the basis
      And rule INV-034 counts against spinal infection

  Rule: A lesion suspicious for tumour on imaging needs specialist assessment.

    @INV-035
    Scenario Outline: Imaging: neoplasm <answer> (INV-035)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-035 <if present> part of the basis

      Examples:
        | answer       | note                                                         | if present |
        | present      | she has a lesion suspicious for tumour on imaging            | is         |
        | absent       | there is no lesion suspicious for tumour on imaging          | is not     |
        | not examined | a lesion suspicious for tumour on imaging was not looked for | is not     |

    @INV-035
    Scenario: She has a lesion suspicious for tumour on imaging: the red flag (INV-035)
      Given a 45-year-old woman with back pain
      And she has a lesion suspicious for tumour on imaging
      Then rule INV-035 is part of the basis
      And the red flags include Lesion suspicious for spinal malignancy on imaging
      And the triage is urgent

  Rule: Infection on imaging needs prompt specialist assessment.

    @INV-036
    Scenario Outline: Imaging: infection <answer> (INV-036)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-036 <if present> part of the basis

      Examples:
        | answer       | note                                    | if present |
        | present      | she has infection on imaging            | is         |
        | absent       | there is no infection on imaging        | is not     |
        | not examined | infection on imaging was not looked for | is not     |

    @INV-036
    Scenario: She has infection on imaging: the red flag (INV-036)
      Given a 45-year-old woman with back pain
      And she has infection on imaging
      Then rule INV-036 is part of the basis
      And the red flags include Spinal infection on imaging
      And the triage is urgent

  Rule: A fracture on imaging needs assessment of its stability and cause.

    @INV-037
    Scenario Outline: Imaging: fracture <answer> (INV-037)
      Given a 45-year-old woman with back pain
      And <note>
      Then rule INV-037 <if present> part of the basis

      Examples:
        | answer       | note                                     | if present |
        | present      | she has a fracture on imaging            | is         |
        | absent       | there is no fracture on imaging          | is not     |
        | not examined | a fracture on imaging was not looked for | is not     |

    @INV-037
    Scenario: She has a fracture on imaging: the red flag (INV-037)
      Given a 45-year-old woman with back pain
      And she has a fracture on imaging
      Then rule INV-037 is part of the basis
      And the red flags include Vertebral fracture on imaging
      And the triage is urgent

  Rule: A slip on imaging is weighed against how often slips are seen without symptoms at the patient's age

    @INV-038 @INV-011
    Scenario: A 30-year-old with a slip on imaging
      Given a 30-year-old woman with back pain
      And she has a slip on imaging
      Then rule INV-011 is part of the basis
      And rule INV-038 is part of the basis
      And rule INV-038 counts for spondylolisthesis

    @INV-038 @INV-039
    Scenario: A 45-year-old with a slip on imaging: the figure at 50 stands
      Given a 45-year-old woman with back pain
      And she has a slip on imaging
      Then rule INV-038 is not part of the basis
      And rule INV-039 is not part of the basis

    @INV-039 @INV-011
    Scenario: A 68-year-old with a slip on imaging
      Given a 68-year-old woman with back pain
      And she has a slip on imaging
      Then rule INV-011 is part of the basis
      And rule INV-039 is part of the basis
      And rule INV-039 counts against spondylolisthesis

    @INV-038 @INV-039
    Scenario: A slip on imaging, age not recorded: only the figure at 50
      Given a woman whose age was not recorded
      And she has a slip on imaging
      Then rule INV-038 is not part of the basis
      And rule INV-039 is not part of the basis

    @INV-038 @INV-039
    Scenario: A 30-year-old without a slip on imaging
      Given a 30-year-old woman with back pain
      And there is no slip on imaging
      Then rule INV-038 is not part of the basis
      And rule INV-039 is not part of the basis

  Rule: Arterial disease found on a test is weighed against how often it is found without symptoms at the patient's age

    @INV-040 @INV-029
    Scenario: A 45-year-old with arterial occlusion on angiography
      Given a 45-year-old woman with back pain
      And she has arterial occlusion on angiography
      Then rule INV-029 is part of the basis
      And rule INV-040 is part of the basis
      And rule INV-040 counts for vascular claudication

    @INV-040 @INV-041
    Scenario: A 45-year-old with a low ankle-brachial index and arterial occlusion on angiography: counted once
      Given a 45-year-old woman with back pain
      And the ankle-brachial index is 0.7
      And she has arterial occlusion on angiography
      Then rule INV-040 is part of the basis
      And rule INV-040 counts for vascular claudication
      And rule INV-041 is not part of the basis

    @INV-041 @INV-031 @INV-040
    Scenario: A 65-year-old with a low ankle-brachial index
      Given a 65-year-old woman with back pain
      And the ankle-brachial index is 0.7
      Then rule INV-031 is part of the basis
      And rule INV-041 is part of the basis
      And rule INV-041 counts for vascular claudication
      And rule INV-040 is not part of the basis

    @INV-041 @INV-040 @INV-031
    Scenario: A 75-year-old with a low ankle-brachial index: the figure at 55 or over stands
      Given a 75-year-old woman with back pain
      And the ankle-brachial index is 0.7
      Then rule INV-031 is part of the basis
      And rule INV-041 is not part of the basis
      And rule INV-040 is not part of the basis

    @INV-040 @INV-041 @INV-029
    Scenario: A 75-year-old with arterial occlusion on angiography: the figure at 55 or over stands
      Given a 75-year-old woman with back pain
      And she has arterial occlusion on angiography
      Then rule INV-029 is part of the basis
      And rule INV-040 is not part of the basis
      And rule INV-041 is not part of the basis

    @INV-040 @INV-041
    Scenario: A 45-year-old with a normal ankle-brachial index and no occlusion
      Given a 45-year-old woman with back pain
      And the ankle-brachial index is 1.1
      And there is no arterial occlusion on angiography
      Then rule INV-040 is not part of the basis
      And rule INV-041 is not part of the basis

    @INV-040 @INV-041 @INV-029
    Scenario: Arterial occlusion on angiography, age not recorded: only the figure at 55 or over
      Given a woman whose age was not recorded
      And she has arterial occlusion on angiography
      Then rule INV-029 is part of the basis
      And rule INV-040 is not part of the basis
      And rule INV-041 is not part of the basis

    @INV-040 @INV-041
    Scenario: A 45-year-old whose arteries were not tested
      Given a 45-year-old woman with back pain
      And the ankle-brachial index was not measured
      Then rule INV-040 is not part of the basis
      And rule INV-041 is not part of the basis

  Rule: Canal stenosis on imaging is weighed against how often it is seen without symptoms at the patient's age

    @INV-042 @INV-007
    Scenario: A 30-year-old whose imaging shows moderate canal stenosis
      Given a 30-year-old woman with back pain
      And imaging shows moderate canal stenosis
      Then rule INV-007 is part of the basis
      And rule INV-042 is part of the basis
      And rule INV-042 counts for spinal stenosis
      And rule INV-042 counts for spondylolisthesis

    @INV-042 @INV-007
    Scenario: A 45-year-old whose imaging shows moderate canal stenosis: the figure at 55 or over stands
      Given a 45-year-old woman with back pain
      And imaging shows moderate canal stenosis
      Then rule INV-007 is part of the basis
      And rule INV-042 is not part of the basis

    @INV-042
    Scenario: A 30-year-old whose imaging shows mild canal stenosis
      Given a 30-year-old woman with back pain
      And imaging shows mild canal stenosis
      Then rule INV-042 is not part of the basis

    @INV-042 @INV-007
    Scenario: Canal stenosis on imaging, age not recorded
      Given a woman whose age was not recorded
      And imaging shows severe canal stenosis
      Then rule INV-007 is part of the basis
      And rule INV-042 is not part of the basis

    @INV-042
    Scenario: A 30-year-old whose canal was not reported on
      Given a 30-year-old woman with back pain
      And canal stenosis on imaging was not reported
      Then rule INV-042 is not part of the basis

  Rule: Degeneration on imaging is weighed against how often it is seen without symptoms at the patient's age

    @INV-043 @INV-017
    Scenario: A 25-year-old with degeneration on imaging
      Given a 25-year-old woman with back pain
      And she has degeneration on imaging
      Then rule INV-017 is part of the basis
      And rule INV-043 is part of the basis
      And rule INV-043 counts for degenerative disc or facet disease

    @INV-043 @INV-044 @INV-045
    Scenario: A 45-year-old with degeneration on imaging: the figure at 50 stands
      Given a 45-year-old woman with back pain
      And she has degeneration on imaging
      Then rule INV-043 is not part of the basis
      And rule INV-044 is not part of the basis
      And rule INV-045 is not part of the basis

    @INV-044 @INV-043 @INV-018
    Scenario: A 25-year-old without degeneration on imaging
      Given a 25-year-old woman with back pain
      And there is no degeneration on imaging
      Then rule INV-018 is part of the basis
      And rule INV-044 is part of the basis
      And rule INV-044 counts against degenerative disc or facet disease
      And rule INV-043 is not part of the basis

    @INV-044 @INV-045
    Scenario: A 45-year-old without degeneration on imaging: the figure at 50 stands
      Given a 45-year-old woman with back pain
      And there is no degeneration on imaging
      Then rule INV-044 is not part of the basis
      And rule INV-045 is not part of the basis

    @INV-045 @INV-018
    Scenario: A 68-year-old without degeneration on imaging
      Given a 68-year-old woman with back pain
      And there is no degeneration on imaging
      Then rule INV-018 is part of the basis
      And rule INV-045 is part of the basis
      And rule INV-045 counts for degenerative disc or facet disease
      And rule INV-018 counts against degenerative disc or facet disease

    @INV-043 @INV-044 @INV-045 @INV-017
    Scenario: Degeneration on imaging, age not recorded: only the figure at 50
      Given a woman whose age was not recorded
      And she has degeneration on imaging
      Then rule INV-017 is part of the basis
      And rule INV-043 is not part of the basis
      And rule INV-044 is not part of the basis
      And rule INV-045 is not part of the basis

    @INV-043 @INV-044 @INV-045
    Scenario: A 25-year-old whose imaging was not looked at for degeneration
      Given a 25-year-old woman with back pain
      And degeneration on imaging was not looked for
      Then rule INV-043 is not part of the basis
      And rule INV-044 is not part of the basis
      And rule INV-045 is not part of the basis
