Feature: Consistency of the recorded findings
  Some findings contradict each other. The assessment still goes ahead, but it asks the clinician to
  check the record, naming the rule that noticed the contradiction.

  Rule: Pain recorded in one leg only does not fit sciatica recorded in both legs

    Background:
      Given a 50-year-old man with back pain

    @CON-001
    Scenario: Pain in one leg only, but sciatica in both legs
      Given the pain is in one leg only
      And he has sciatica in both legs
      Then the record is queried because of rule CON-001
      And rule CON-001 is part of the basis
      And the triage is emergency

    @CON-001
    Scenario: Pain in both legs and sciatica in both legs
      Given the pain is in both legs
      And he has sciatica in both legs
      Then nothing in the record is queried
      And rule CON-001 is not part of the basis

    @CON-001
    Scenario: Pain in one leg only, sciatica in the other leg not asked about
      Given the pain is in one leg only
      And sciatica in both legs was not asked about
      Then nothing in the record is queried
      And rule CON-001 is not part of the basis

  Rule: An angle at which the straight-leg raise reproduced the pain does not fit a negative straight-leg raise

    Background:
      Given a 40-year-old woman with sciatica down one leg

    @CON-002
    Scenario Outline: A negative straight-leg raise with an angle of <angle (degrees)> degrees
      Given the straight-leg-raise test is negative
      And the straight-leg raise reproduced the leg pain at <angle (degrees)> degrees
      Then the record is queried because of rule CON-002
      And rule CON-002 is part of the basis

      Examples:
        | angle (degrees) |
        | 40              |
        | 0               |

    @CON-002
    Scenario: A positive straight-leg raise at 40 degrees
      Given the straight-leg-raise test is positive
      And the straight-leg raise reproduced the leg pain at 40 degrees
      Then nothing in the record is queried
      And rule CON-002 is not part of the basis

    @CON-002
    Scenario: A negative straight-leg raise, no angle recorded
      Given the straight-leg-raise test is negative
      And the straight-leg-raise angle was not recorded
      Then nothing in the record is queried
      And rule CON-002 is not part of the basis

  Rule: A positive crossed straight-leg raise with a negative straight-leg raise is unusual

    Background:
      Given a 40-year-old woman with sciatica down one leg
      And the crossed straight-leg-raise test is positive

    @CON-003
    Scenario: Crossed straight-leg raise positive, straight-leg raise negative
      Given the straight-leg-raise test is negative
      Then the record is queried because of rule CON-003
      And rule CON-003 is part of the basis

    @CON-003
    Scenario: Both straight-leg raises positive
      Given the straight-leg-raise test is positive
      Then nothing in the record is queried
      And rule CON-003 is not part of the basis

    @CON-003
    Scenario: Crossed straight-leg raise positive, straight-leg raise not done
      Given the straight-leg-raise test was not done
      Then nothing in the record is queried
      And rule CON-003 is not part of the basis

  Rule: Leg symptoms that ease on sitting do not fit pain that is worse when sitting

    Background:
      Given a 60-year-old man with pain in both legs
      And sitting eases the leg pain

    @CON-004
    Scenario: Sitting both eases and worsens the pain
      Given sitting makes the pain worse
      Then the record is queried because of rule CON-004
      And rule CON-004 is part of the basis

    @CON-004
    Scenario: Sitting eases the pain and does not make it worse
      Given sitting does not make the pain worse
      Then nothing in the record is queried
      And rule CON-004 is not part of the basis

    @CON-004
    Scenario: Sitting eases the pain; whether it also makes it worse was not asked
      Given whether sitting makes the pain worse was not asked
      Then nothing in the record is queried
      And rule CON-004 is not part of the basis

  Rule: Progressive weakness does not fit a normal myotomal strength examination

    Background:
      Given a 50-year-old man with sciatica down one leg
      And he has leg weakness that is getting worse

    @CON-005
    Scenario: Worsening weakness reported, strength normal on examination
      Given there is no weakness in a myotome
      Then the record is queried because of rule CON-005
      And rule CON-005 is part of the basis
      And the triage is emergency

    @CON-005
    Scenario: Worsening weakness reported and found on examination
      Given he has weakness in a myotome
      Then nothing in the record is queried
      And rule CON-005 is not part of the basis

    @CON-005
    Scenario: Worsening weakness reported, strength not examined
      Given weakness in a myotome was not examined
      Then nothing in the record is queried
      And rule CON-005 is not part of the basis

  Rule: Sciatica in both legs recorded in a long-standing claudicant may be the claudication itself

    Background:
      Given a 70-year-old man with pain in both legs on walking

    @CON-006
    Scenario: Bilateral sciatica recorded after 30 weeks of neurogenic claudication
      Given he has sciatica in both legs
      And the symptoms have lasted 30 weeks
      Then the record is queried because of rule CON-006
      And rule CON-006 is part of the basis
      And the triage is emergency
      And cauda equina syndrome is listed as not to be missed
      And cauda equina syndrome is not first in the differential

    @CON-006
    Scenario: Bilateral sciatica recorded after 10 weeks of neurogenic claudication
      Given he has sciatica in both legs
      And the symptoms have lasted 10 weeks
      Then rule CON-006 is not part of the basis

    @CON-006
    Scenario: Bilateral sciatica in a claudicant, duration not recorded
      Given he has sciatica in both legs
      And how long the symptoms have lasted was not recorded
      Then rule CON-006 is not part of the basis

    @CON-006
    Scenario: A long-standing claudicant without bilateral sciatica
      Given there is no sciatica in both legs
      And the symptoms have lasted 30 weeks
      Then rule CON-006 is not part of the basis
