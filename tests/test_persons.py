"""Persons recognised from context: titles, initials, particles, role lists, nicknames, attendance and signatures.

Every fixture is a short sentence written for the test, in the forms Swedish and English minutes use.
"""
from minutes_archive.extraction.entities.attendance import find_participants
from minutes_archive.records.text import fold
from minutes_archive.extraction.entities.persons import find_mentions, resolve
from minutes_archive.extraction.entities.signatures import find_layout_roles
from minutes_archive.extraction.pipeline import extract_document
from minutes_archive.extraction.readers import read_bytes


def _people(text: str, language: str = "en") -> dict[str, list[str]]:
    _, persons = resolve(find_mentions(text, "x", language))
    return {p.name: p.roles for p in persons}


def _run(text: str):
    return extract_document(read_bytes(text.encode(), "m.txt"), "doc")


def test_title_and_surname_is_a_person_with_the_role_written_there():
    people = _people("Councilmember Baker moved the item. Commissioner Okafor seconded. Member Lindahl abstained.")
    assert people == {"Baker": ["councilmember"], "Okafor": ["commissioner"], "Lindahl": ["member"]}


def test_title_and_surname_resolves_to_the_full_name_the_document_gives():
    mentions, persons = resolve(find_mentions(
        "Present: Member Hector Ortiz, Chair Rosa Delgado.\nMember Ortiz asked about the budget.", "x", "en"))
    ortiz = [m for m in mentions if m.text.endswith("Ortiz")]
    assert {m.name for m in ortiz} == {"Hector Ortiz"}
    assert sorted(p.name for p in persons) == ["Hector Ortiz", "Rosa Delgado"]


def test_swedish_definite_title_and_honorifics():
    people = _people("Ledamoten Wikander yrkade avslag. Herr Bergsten instämde.", "sv")
    assert people == {"Wikander": ["ledamot"], "Bergsten": []}


def test_initials_and_particles_are_part_of_the_name():
    people = _people("Rapporten lämnades av K. J. Strömberg och Maria van der Linden samt Carl af Ugglas.", "sv")
    assert set(people) == {"K. J. Strömberg", "Maria van der Linden", "Carl af Ugglas"}


def test_run_together_role_list_gives_each_person_their_own_role():
    people = _people("Närvarande: Anna Berg, ordförande Per Lind, kassör Eva Ek, sekreterare", "sv")
    assert people == {"Anna Berg": ["ordförande"], "Per Lind": ["kassör"], "Eva Ek": ["sekreterare"]}


def test_plural_title_before_and_after_a_list():
    people = _people("Board Members Dean Holloway, Nina Petrov, and Omar Haddad were present. "
                     "Staff: Chris Ng and Jill Ward, Management Analysts")
    assert people["Omar Haddad"] == ["board member"] and people["Nina Petrov"] == ["board member"]
    assert people["Chris Ng"] == ["management analyst"] and people["Jill Ward"] == ["management analyst"]


def test_election_sentences_give_the_role():
    people = _people("Lars Öberg valdes till mötesordförande, Karin Holm till sekreterare. "
                     "Till vice ordförande utses Sven Dahl.", "sv")
    assert people == {"Lars Öberg": ["mötesordförande"], "Karin Holm": ["sekreterare"], "Sven Dahl": ["vice ordförande"]}


def test_nickname_in_brackets_links_to_the_full_name():
    mentions, persons = resolve(find_mentions("Alexander Reyes (Sasha) joined the call. Sasha presented the budget.",
                                              "x", "en"))
    assert [p.name for p in persons] == ["Alexander Reyes"]
    assert any(m.text == "Sasha" and m.name == "Alexander Reyes" for m in mentions)


def test_bare_surname_and_shortened_first_name_link_in_a_whole_document():
    extraction = _run("Minutes of the board\nAttendees: Maximilian Ortega, Priya Raman\n\n"
                      "1. Budget\nMaxim presented the budget. Moved by Raman. Motion carried.\n")
    linked = {(m.text, m.name) for m in extraction.mentions if m.item_id}
    assert ("Raman", "Priya Raman") in linked and ("Maxim", "Maximilian Ortega") in linked


def test_organisations_streets_and_headings_are_not_persons():
    text = ("Chair Report\nThe Jack London Square lease and Otis Drive were discussed with Lincoln Foundation and "
            "the Marina Park Committee. Treasurer Update\n")
    assert _people(text) == {}


def test_title_case_heading_after_a_role_is_not_a_person():
    mentions, persons = resolve(find_mentions("Vice President Election\nThe board discussed it.", "x", "en"))
    assert persons == [] and not any(m.name for m in mentions)


def test_attendance_with_surnames_alone_and_qualified_labels():
    got = find_participants(["Present: Quist, Harlan and Morrow. Absent: Tate.", "Directors Present:", "Ada Byrne"])
    assert [(p.name, p.role, p.status) for p in got] == [
        ("Quist", None, "present"), ("Harlan", None, "present"), ("Morrow", None, "present"),
        ("Tate", None, "absent"), ("Ada Byrne", "director", "present")]


def test_swedish_attendance_takes_no_lone_words_for_persons():
    got = find_participants(["Deltagare: Skatteverket, Lantmäteriet, Eva Nord"], surnames_alone=False)
    assert [p.name for p in got] == ["Eva Nord"]


def test_signature_block_pairs_labels_with_names():
    text = "Sekreterare Justerare\nLena Fors Ola Brink\n\nRespectfully submitted,\nMarta Quinn\nCity Clerk"
    assert sorted(find_layout_roles(text)) == [("Lena Fors", "sekreterare"), ("Marta Quinn", "city clerk"),
                                               ("Ola Brink", "justerare")]


def test_role_heading_over_a_list_of_names():
    text = "Till utskottet utses:\nOrdinarie\n(S) Lena Fors\n(M) Ola Brink\nErsättare\n(C) Eva Nord\nBeslutet justeras."
    assert find_layout_roles(text) == [("Lena Fors", "ordinarie"), ("Ola Brink", "ordinarie"), ("Eva Nord", "ersättare")]


def test_two_people_side_by_side_are_not_merged():
    people = _people("Justerande: Patrik Lundh Nadia Hosseini", "sv")
    assert set(people) == {"Patrik Lundh", "Nadia Hosseini"}


def test_transcribers_bracket_is_not_part_of_the_name():
    mentions, persons = resolve(find_mentions(
        "proposed by Mrs. Walter [Edith May] Crane; seconded by Miss Pell. Mrs. Crane was elected.", "x", "en"))
    assert sorted(p.name for p in persons) == ["Pell", "Walter Crane"]
    assert {m.name for m in mentions if m.text.endswith("Crane")} == {"Walter Crane"}


def test_fold_keeps_case_and_accents_apart_from_identity():
    assert fold("Torgny Roxå") == fold("torgny roxa")


def test_label_and_names_on_each_signature_line_pair_up_line_by_line():
    block = "Protokollförare  Gun Strid\nOrdförande   Leif Nord\nJusterare    Ola Bäck    Siv Fors\n"
    assert sorted(find_layout_roles(block)) == [
        ("Gun Strid", "protokollförare"), ("Leif Nord", "ordförande"), ("Ola Bäck", "justerare"),
        ("Siv Fors", "justerare")]


def test_label_with_colon_gives_its_role_to_the_names_after_it():
    assert find_layout_roles("Kassör: Pia Mård\nJusterare: Ove Lax och Eva Tjäder\n") == [
        ("Pia Mård", "kassör"), ("Ove Lax", "justerare"), ("Eva Tjäder", "justerare")]


def test_the_member_replaced_by_a_substitute_is_absent_not_a_substitute():
    people = {(p.name, p.role, p.status) for p in find_participants([
        "Ersättare: Nils Berg (S) tjänstgörande ersättare för Åsa Holm (V)"])}
    assert people == {("Nils Berg", "ersättare", "substitute"), ("Åsa Holm", "ledamot", "absent")}


def test_a_new_label_after_an_absent_list_starts_a_new_status():
    people = {(p.name, p.status) for p in find_participants([
        "Absent: Councilmember Ruth Vance", "Staff: City Engineer Omar Haddad", "Adjungerad: Kim Lövgren"])}
    assert people == {("Ruth Vance", "absent"), ("Omar Haddad", "official"), ("Kim Lövgren", "official")}


def test_labels_joined_onto_one_line_start_new_lists_and_are_never_names():
    people = {(p.name, p.status) for p in find_participants([
        "Attendees: Nora Quinn, Felix Brandt Regrets: Ivy Marsh Guests: Owen Tate (Treasurer)"])}
    assert people == {("Nora Quinn", "present"), ("Felix Brandt", "present"), ("Ivy Marsh", "absent"),
                      ("Owen Tate", "official")}


def test_an_occupational_title_before_initials_is_no_part_of_the_name():
    people = _people("Närvarande: Löjtnant K. F. Alm, Bokhållaren T. Rydh och kassören Herr B. Falk.", "sv")
    assert people == {"K. F. Alm": ["löjtnant"], "T. Rydh": ["bokhållare"], "B. Falk": ["kassör"]}


def test_a_house_name_is_not_a_person():
    assert _people("Application 24/0113 – Ivy Cottage, Mill Lane: no objection.") == {}


def test_common_role_forms_before_after_and_in_brackets():
    people = _people("Cllr Tara Reid proposed. Mr Ben Cole (Chief Executive) replied. Facilities Manager Ada Pike "
                     "attended. The Treasurer, Lewis Hunt, read the accounts. Omar Reyes was elected Captain by 9 "
                     "votes to 4.")
    assert people == {"Tara Reid": ["councillor"], "Ben Cole": ["chief executive"], "Ada Pike": ["facilities manager"],
                      "Lewis Hunt": ["treasurer"], "Omar Reyes": ["captain"]}
    assert _people("Deltagare: Elin Sand (ordf.), Rut Dahl (sekr.)", "sv") == {
        "Elin Sand": ["ordförande"], "Rut Dahl": ["sekreterare"]}


def test_a_genitive_role_word_gives_the_nearest_name_no_role():
    people = _people("Jonas Ek yrkade bifall. Förslaget föll på ordförandens utslagsröst.", "sv")
    assert people == {"Jonas Ek": []}


def test_a_line_in_capitals_holds_no_initials():
    mentions = find_mentions("ITEM 4 OF THE AGENDA\nSigned by AB and TK.", "x", "en")
    assert [m.text for m in mentions if m.kind == "initials"] == ["TK"]


def test_a_capitals_heading_with_a_label_word_is_no_list():
    assert find_participants(["STAFF DIRECTION", "Staff reported on the budget."]) == []
    mentions = find_mentions("NOW, THEREFORE, BE IT RESOLVED that the fee is set.", "x", "en")
    assert [m for m in mentions if m.kind == "initials"] == []


def test_an_election_gives_its_office_to_every_name_in_the_list():
    people = _people("Till suppleanter på ett år valdes Åke Rask och Britt Sjögren. Stämman valde Lisa Orre och "
                     "Hugo Wall att justera protokollet.", "sv")
    assert people == {"Åke Rask": ["suppleant"], "Britt Sjögren": ["suppleant"], "Lisa Orre": ["justerare"],
                      "Hugo Wall": ["justerare"]}
    assert _people("These were elected to the board: Zoe Hale and Ian Voss.") == {
        "Zoe Hale": ["board member"], "Ian Voss": ["board member"]}


def test_phrase_labels_over_a_signature_give_the_signing_role():
    assert find_layout_roles("Vid protokollet:\nEbba Moberg\n\nJusteras:\nK. L. Strand\n") == [
        ("Ebba Moberg", "sekreterare"), ("K. L. Strand", "justerare")]


def test_a_label_line_with_its_own_names_is_not_the_role_of_the_name_above():
    assert find_layout_roles("Lina Hed (S)\nErsättare: Per Ulf (M)\n") == [("Per Ulf", "ersättare")]


def test_abbreviated_role_before_each_name_belongs_to_that_name():
    people = _people("Närvarande: ordf. Fru K. Öhman, sekr. Herr B. Lund, ledam. Herr T. Falk.", "sv")
    assert people == {"K. Öhman": ["ordförande"], "B. Lund": ["sekreterare"], "T. Falk": ["ledamot"]}


def test_office_phrases_outside_the_vocabulary_are_roles_after_a_name():
    people = _people("Present: Tom Bell (Fleet Operations Manager), Ann Lee, Deputy Shire President.\n"
                     "Agreed: Dr Rita Gomez was appointed Data Protection Lead Trustee.", "en")
    assert people == {"Tom Bell": ["fleet operations manager"], "Ann Lee": ["deputy shire president"],
                      "Rita Gomez": ["data protection lead trustee"]}


def test_a_role_phrase_in_an_attendance_list_is_never_a_person():
    people = {p.name: p.role for p in find_participants(
        ["Staff: Noor Haddad, Chief Information Officer; Lukas Brenner, Parks Director"])}
    assert people == {"Noor Haddad": "chief information officer", "Lukas Brenner": "parks director"}


def test_swedish_list_entries_with_a_role_after_the_comma():
    people = {p.name: p.role for p in find_participants(["Närvarande:", "Sofia Lindqvist, medlem",
                                                         "Oskar Berglund, verkställande direktör"], False)}
    assert people == {"Sofia Lindqvist": "medlem", "Oskar Berglund": "verkställande direktör"}


def test_election_list_lines_with_a_term_give_the_role():
    people = _people("Årsmötet valde:\nKassör på 2 år: Nils Ekdahl\nRevisor för ett år: Karin Von Essen", "sv")
    assert people == {"Nils Ekdahl": ["kassör"], "Karin Von Essen": ["revisor"]}


def test_australian_councillor_title_and_a_label_on_its_own_line():
    doc = _run("Shire of Marlow\nMinutes 14 March 2023\n\nATTENDANCE\nCr Lorna Pike (Shire President)\n"
               "Cr Dev Anand\n\nAPOLOGIES\nCr Hamish Tully\n\n1. Lease\nThat Council grant a lease.\nCARRIED\n")
    people = {(p.name, p.role, p.status) for p in doc.participants}
    assert people == {("Lorna Pike", "shire president", "present"), ("Dev Anand", "councillor", "present"),
                      ("Hamish Tully", "councillor", "absent")}


def test_a_title_with_a_dot_does_not_end_the_attendance_list():
    people = [p.name for p in find_participants(["Members present: Prof. R. T. Oduya, Dr. Lucia de la Vega"])]
    assert people == ["R. T. Oduya", "Lucia de la Vega"]


def test_capitalised_particle_surname_links_to_the_full_name():
    doc = _run("Town Council\nMinutes\nMay 2, 2021\nPresent: Mayor Irene Du Pont, Councillor Glen Mac Intosh\n\n"
               "1. Agenda\nMoved by Mayor Du Pont, seconded by Councillor Mac Intosh.\nTHAT the agenda be adopted.\n"
               "CARRIED\n")
    names = {m.name for m in doc.mentions}
    assert names == {"Irene Du Pont", "Glen Mac Intosh"}


def test_club_letters_months_and_roads_are_no_people():
    doc = _run("Protokoll\n2022-03-01\nPlats: Vallens IP\n\n§ 1 Bandy\nStyrelsen gratulerade BK Vilan.\n"
               "Mötet hölls 12 August 2021 vid Mackenzie Road.\n")
    assert [m for m in doc.mentions if m.name is None] == []


def test_plural_courtesy_title_before_a_list_of_names():
    people = _people("Närvarande: Herrar B. K. Sjöholm, Gustav Ehn och Kassören Olof Rapp.", "sv")
    assert people == {"B. K. Sjöholm": [], "Gustav Ehn": [], "Olof Rapp": ["kassör"]}


def test_plural_councillor_title_and_irish_particles():
    people = _people("Present: Cllrs. P. Ó Riordáin, Mary Ní Bhriain and Sean Mac Giolla.")
    assert people == {"P. Ó Riordáin": ["councillor"], "Mary Ní Bhriain": ["councillor"],
                      "Sean Mac Giolla": ["councillor"]}


def test_saint_inside_a_surname_is_not_a_street():
    assert _people("Present: Dr. Ruth St. Clair, Treasurer; Peter St John, Trustee") == {
        "Ruth St. Clair": ["treasurer"], "Peter St John": ["trustee"]}


def test_stacked_church_titles_are_not_part_of_the_name():
    people = _people("Revd Canon Peter Lowe (Chair) welcomed Archdeacon Sally Fenn and Bishop John Hall to the service.")
    assert people == {"Peter Lowe": ["chair"], "Sally Fenn": ["archdeacon"], "John Hall": ["bishop"]}


def test_place_word_after_a_first_name_without_title_stays_a_place():
    assert _people("The service was held at Michael Church on Sunday.") == {}


def test_election_list_names_people_the_first_name_list_does_not_know():
    people = _people("Till revisorer för ett år valdes Dragomir Petrović och Ylva af Klint (omval).", "sv")
    assert people == {"Dragomir Petrović": ["revisor"], "Ylva af Klint": ["revisor"]}


def test_election_list_stops_at_the_first_word_that_is_no_name():
    people = _people("Till ledamot valdes Sven Ek och Styrelsens förslag bifölls.", "sv")
    assert people == {"Sven Ek": ["ledamot"]}


def test_a_month_alone_is_no_first_name():
    mentions, _ = resolve(find_mentions("Action: the clerk to report back by August.", "x", "en"))
    assert [m.text for m in mentions if m.kind == "first-name"] == []


def test_role_after_a_name_in_brackets_or_after_a_comma():
    people = _people("Present: Joan Pike (Churchwarden)\nCC: Omar Lutz, Internal Auditor")
    assert people == {"Joan Pike": ["churchwarden"], "Omar Lutz": ["internal auditor"]}


def test_valde_till_gives_each_name_its_office():
    people = _people("Mötet valde Sara Lind till mötesordförande och Per Å. Berg till mötessekreterare.", "sv")
    assert people == {"Sara Lind": ["mötesordförande"], "Per Å. Berg": ["mötessekreterare"]}


def test_lower_case_occupation_right_before_initials():
    assert _people("Föredrogs en af bokhållaren K. A. Ståhl ingifven skrifvelse.", "sv") == {"K. A. Ståhl": ["bokhållare"]}


def test_signature_label_and_name_on_one_line():
    assert find_layout_roles("Vid protokollet: Maria Ek\nJusteras: Olle Berg") == [
        ("Maria Ek", "sekreterare"), ("Olle Berg", "justerare")]


def test_mover_written_by_surname_is_the_full_name_of_the_attendee():
    x = _run("CITY OF OAKDALE\nPLANNING COMMISSION MINUTES\nMarch 3, 2024\n\n"
             "Present: Commissioners Dana R. Holt, Victor Van Dam, Chair Ana Ruiz\n\n"
             "1. PUBLIC HEARINGS\nCommissioner Holt moved to approve the permit. Commissioner Van Dam seconded. "
             "The motion carried 3-0.\n")
    hit = next(d for d in x.decisions if "permit" in d.text)
    assert (hit.mover, hit.seconder) == ("Dana R. Holt", "Victor Van Dam")
