// The rules of detector version 2, one list per language, in the phrase notation of PhraseRule. This list is the
// marker vocabulary: each rule's marker is corr.{strong|weak|opener}.{language}.{n}, numbered in the order written
// here (n counts per language and kind), and CorrectionMarkers publishes it. Appending a rule keeps every marker
// already stored meaning what it meant; changing what a rule matches changes what is counted and needs a new version.
// Text arrives folded (lower case, no accents: "rückgängig" is written "ruckgangig", "não" "nao"; apostrophes inside
// words dropped: "that's" is "thats", "c'est" "cest"), so each phrase is written once in that form.
// Strong: a correction in nearly every context. Weak: a correction when said to an assistant that just acted.
// Opener: a sentence that opens with "no" and carries evidence that something is being corrected.
// Every language's rules run on every message: people switch languages mid-sentence, and a rule's first word is
// looked up in one index, so rules that cannot match cost nothing.
namespace ZosTelemetry.Detection;

internal static class CorrectionRules
{
    public static PhraseRule[] Build()
    {
        var rules = new List<PhraseRule>();
        English(rules);
        German(rules);
        French(rules);
        Spanish(rules);
        Portuguese(rules);
        Russian(rules);
        Chinese(rules);
        Japanese(rules);
        foreach (var group in rules.GroupBy(r => (r.Language, r.Kind)))
        {
            int n = 0;
            foreach (var rule in group)
            {
                rule.Marker = $"corr.{group.Key.Kind.ToString().ToLowerInvariant()}.{group.Key.Language}.{++n}";
            }
        }

        return [.. rules];
    }

    /// <summary>The user blaming themself ("my bad, I gave you the wrong file"): silences every rule, as in version 1.</summary>
    public static string[] SelfBlame() =>
    [
        "my bad|fault|mistake|error", "i|ive|i_have|i_had -|just|accidentally|mistakenly gave|sent|pasted|used|uploaded|attached|typed|told|provided|linked|copied|shared *2 wrong",
        "oops|whoops i", "i misread|misunderstood|mistyped",
        "mein|meine fehler|schuld|versehen", "ich habe|hab|hatte dir|euch|ihnen|da -|den|die|das|eine|einen|ein falsch~", "ich habe|hab *2 falsch|miss verstanden", "ich habe|hab *2 missverstanden", "ups|sorry|entschuldigung ich",
        "ma|mon faute|erreur", "mea culpa", "autant|au_temps pour moi", "je me suis trompe~", "jai|javais mal|pas compris|lu", "je tai|te|vous|lai|tavais *3 mauvais~", "oups|desole jai|je",
        "culpa mia", "mi culpa|error", "error mio", "me equivoque|confundi", "entendi|lei mal", "te|les|le di|pase|mande|envie *3 equivocad~|incorrect~", "uy|perdon|ups te|me|yo",
        "foi mal", "culpa minha", "minha culpa", "erro meu", "meu erro", "me enganei|confundi", "entendi errado|mal", "te|lhe passei|mandei|enviei|dei *3 errad~", "ops|opa|desculpa te|eu",
        "моя ошибка|вина|оплошность", "^я ошибся|ошиблась|ошибся|перепутал~", "^я -|тебя|вас неправильно|не_так понял~", "я -|тебе|вам дал~|прислал~|отправил~|скинул~|указал~ *2 неправильн~|не_тот|не_ту|не_то|не_те", "упс|извини|прости я",
        "是我的错", "我的错", "我搞错|弄错|写错|发错|给错|说错|打错|看错|理解错", "我错了", "我误会", "不好意思|抱歉|哎呀 *1 我",
        "すみません|すいません|ごめんなさい|ごめん *3 私|間違えて|こちら", "私が *3 間違|誤解|勘違|送", "私の *1 ミス|間違い|勘違い", "こちらのミス",
    ];

    private static void English(List<PhraseRule> r)
    {
        const string L = "en";
        string[] noWorries = ["no problem|worries|rush|hurry|need|thanks|prob|stress|pressure|biggie|issue|doubt", "no thank you", "not bad|yet|sure|really"];
        r.Add(new(L, RuleKind.Strong, "says the answer or change is wrong",
        [
            "thats|its|theyre|youre|whats|this -|just|still|completely|totally|all|clearly|obviously|simply|plain|definitely|also wrong|incorrect|backwards",
            "that|this|it|which|these|those|they|you|answer|result|output|code is|was|are|were|s -|just|still|completely|totally|all|clearly|obviously|simply|plain|definitely|also wrong|incorrect|backwards",
            "^ wrong|incorrect",
            "thats|its|that_is|it_is|this_is|that_was|this_was not|nt -|quite|exactly|really|even|at_all right|correct|true|it|how|what",
            "thats|its|that|this|it isnt|wasnt -|quite|exactly|really|even right|correct|true|it",
            "you are|were|re wrong|mistaken", "youre wrong|mistaken",
            "youve|you_have|you_got|you_had|youve_got|you_ve|you_read|you_did it|that|this|them|the *2 backwards|reversed|flipped|inverted|swapped|wrong|mixed|confused",
            "doesnt|does_not|dont|do_not look|seem|sound right|correct", "looks|seems|sounds wrong|incorrect|off",
            "you made|make a|an|another *2 mistake|error|typo", "is|are|got|seems|looks inverted|flipped|reversed|backwards|swapped", "not what i|we expected", "a|one|small small|slight|tiny|little mistake|error|typo",
            "i dont|do_not think thats|its|that|this|that_is|this_is|it_is -|quite|actually right|correct|accurate|true|it|how|what",
        ]));
        r.Add(new(L, RuleKind.Strong, "says the assistant misunderstood or did other than asked",
        [
            "you|youve|u -|have|completely|totally|clearly misunderstood|misread|misunderstand|misinterpreted|misinterpret",
            "not|isnt|wasnt|arent|nothing -|quite|exactly|really|at_all|even|remotely what|how i|we meant|asked|wanted|requested|said|needed|need|expected|described|specified|want",
            "not|isnt|wasnt -|quite|exactly what i|we asked_for|had_in_mind|was_asking|was_looking_for|told_you",
            "i didnt|did_not|never ask|want|say|tell|request|mention",
            "i|we was|were talking|asking about", "talking past each other", "you got the wrong idea", "when i said", "where|when did i say|ask|tell|mention",
            "thats|its|this|that|that_is|it_is a|the different|other|another question|thing|task|problem", "different question|thing|problem than|from", "not|isnt|wasnt the *2 i|we described|asked_for|requested|specified|meant|wanted", "my request|instructions|instruction|point|question got|was|were lost|ignored|to", "i wanted *3 this|that|it is|was|s",
        ]));
        r.Add(new(L, RuleKind.Strong, "restates what the user already said",
        [
            "i -|literally|specifically|clearly|explicitly|already|just|did said|meant|told|asked_for|asked_you",
            "as|like i -|already|just said|mentioned|told|wrote|explained|asked|noted|stated",
            "ive|i_have -|already told|said|asked|mentioned|explained", "i already gave|showed|sent|provided|pasted|wrote",
            "i only wanted|asked|said|meant|needed", "i wanted the|it|only|just", "i|we agreed|decided on|to|that",
            "as mentioned|stated|said|discussed earlier|before|above|previously",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "repeats with frustration",
        [
            "for the second|third|fourth|fifth|sixth|nth|umpteenth|hundredth|thousandth|millionth|last|2nd|3rd|4th|5th|10th time",
            "how many times do|have|must|did|should|will i",
            "^ again|seriously $",
            "wrong|broken|failing|failed|broke|same again", "again wrong|broken|failing|the_same|with_the|you",
            "we went|been|gone over|through this|that", "weve|we_have been|gone over|through this|that",
            "i keep telling|saying|asking|repeating",
            "you keep|kept|still_keep|always -|on adding|making|doing|changing|using|ignoring|breaking|removing|deleting|forgetting|getting|putting|writing|rewriting|repeating|reverting|returning|giving|missing|introducing|suggesting|trying|touching|renaming|reformatting|inventing|hallucinating|skipping|generating|producing|creating|dropping|leaving|mixing|confusing",
            "why are|do you keep|still|always", "did you even read|look|test|run|try|check|compile",
            "you didnt|did_not|never -|even read|test|run|check|look_at|listen|follow|compile|try",
            "are you serious|kidding|joking", "reminder *2 again", "just do what i asked|said|told|wanted", "^^ once more",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "asks to undo, revert or go back",
        [
            "^ revert|undo|rollback|unrevert|back_out", "restore *5 you deleted|removed|dropped|changed|broke", "restore|revert *5 to what|how it was", "to what|how it was before",
            "^ please|pls|just|now|so|ok|okay|can_you|could_you|then revert|undo|rollback|roll_back|reverse",
            "revert|undo|rollback|roll_back|back_out|reverse that|this|it|those|these|everything|all|your|the_last|the_previous|the_change|the_changes|the_edit|the_edits|what_you|last|that_change|this_change|these_changes|those_changes",
            "roll|back|put that|it|this|those|these|everything|them back",
            "go|get|switch|change|revert|move|put_it|put_them|set_it|bring_it back to *3 previous|old|original|earlier|before|was|had|working|last|prior",
            "put|bring|add|restore the|my|it|them|that|those|these -|original|old|previous *3 back",
            "restore the|my|it|them *2 original|previous|old|earlier",
            "throw|toss away|out *1 that|this|those|these|everything|it|your|the_changes|the_edits", "discard|scrap|drop all of that|this|it|those|these|your",
            "scrap|discard|drop that|this|it|everything|those|these|your|the_changes|the_edits", "start over|again_from_scratch", "from scratch again",
            "ctrl z", "^^ stop $", "^ stop|halt|enough|whoa $",
            "^ stop|wait|hold_on|whoa|halt|please *3 dont|do_not|never",
            "stop|quit adding|changing|modifying|using|touching|rewriting|deleting|removing|doing|guessing|editing|making|inventing|ignoring|reformatting|renaming|creating|moving|apologizing|apologising|breaking|writing|suggesting|hallucinating|trying|overcomplicating|running|refactoring",
            "leave *5 alone", "the whole point was", "enough with the|this|that", "who asked|told you", "who asked for",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "reports the fix failed or the same error persists",
        [
            "still|stil not|doesnt|does_not|isnt|is_not|wont|cant|fails|failing|failed|fail|broken|broke|red|getting|get|seeing|see|throws|throwing|returns|returning|crash|crashes|crashing|shows|showing|the_same|same|errors|erroring|error|happening|hangs|hanging|there|wrong|missing|empty|nothing|present|occurs|occurring|exits|times_out|timing_out|flaky|slow",
            "^ same|the_same|exact_same|exactly_the_same|still_the_same|again_the_same error|stacktrace|stack_trace|traceback|problem|issue|exception|failure|bug|crash|result|output|thing|behaviour|behavior|message|warning",
            "same stack trace|traceback", "same error|stacktrace|traceback|problem|issue|exception|failure|bug|crash|behaviour|behavior|result|output as|again|still|persists|remains|here",
            "getting|get|got|see|seeing|having|hit|hitting the|that -|exact|exactly same error|problem|issue|exception|failure|bug|crash|result|output|message",
            "that|it|this|your_fix|the_fix|your_change|the_change|that_fix|this_fix|that_change didnt|did_not fix|work|help|solve|change|do",
            "^ didnt|did_not|doesnt|does_not|still_doesnt|nope_didnt|nope_doesnt fix|work|help|solve",
            "^^ that|it|this doesnt|does_not|wont|isnt|still_doesnt work|help|fix|compile|build|run|working",
            "^ nothing changed|changes|happened|different", "^ no change|difference|luck|dice|effect|improvement",
            "bug|issue|problem|error|crash|flicker|behaviour|behavior -|still persists|remains", "its|thats|it_is|that_is|still not|nt fixed|solved|resolved",
            "made it worse", "even worse|worse now", "not fixed|solved|resolved yet|still",
        ]));
        r.Add(new(L, RuleKind.Strong, "says the assistant broke something or worked on the wrong thing",
        [
            "you|your_change|your_changes|your_edit|your_fix|your_commit|your_patch|your_refactor|your_code|that_change|this_change|that_fix|that_edit|this_commit|this_edit -|just|have|has|completely|now|totally|also broke|broken|breaks|introduced|caused|killed|destroyed|messed|screwed|wiped|overwrote|clobbered|nuked|trashed|erased|corrupted|mangled",
            "after|since your|that|this -|last|latest|recent change|changes|edit|edits|fix|commit|update|refactor|patch",
            "now nothing *3 works|compiles|loads|runs|builds|passes",
            "now it|the|this|that|everything|nothing|they|tests|the_tests|the_app|the_build|the_page|the_site|the_server *2 doesnt|dont|wont|cant|no_longer|isnt|arent|fails|fail|crashes|breaks|throws",
            "introduced a|an|another -|new regression|bug|error", "before you touched|changed|edited|modified|refactored|broke",
            "it|that|this|things|everything|they was|were working|worked|fine|passing before|earlier",
            "you|u changed|renamed|edited|moved|updated|removed *8 now|but_not", "^ other file|one|function|method|class|repo|branch|folder|directory|test|table", "wrong file|function|method|class|branch|repo|repository|table|column|directory|folder|dir|one|place|spot|module|component|service|endpoint|variable|path|version|config|line|test|answer|approach|language|command|environment|field|import|package|query|sign|order|way|project|database|db|key|type|library|model|format|unit|value|name|port|argument|parameter|object|case|section|page|element|button|selector|regex|url|host|account|id|number|date|year|units|direction|thing|tab|window",
            "^ not that|this one", "^ the|no_the other file|one|function|method|class|repo|branch|folder|directory|test|table",
            "you|youre|you_are|youve|you_ve -|been looking_at|editing|reading|changing|in|using|on|modifying the|an old|wrong|other|outdated|previous",
            "thats|that_is|this_is|its the|an old|wrong|previous|outdated",
        ], unless: ["what|which|is|are|does|do|should|can|could *3 wrong"]));
        r.Add(new(L, RuleKind.Strong, "asks why the assistant did something it was not asked to",
        [
            "why did|would|have|has you|u", "what did|have you change|do|done|changed", "why is|are there|this|it|these|all *12 now", "why on earth|the_hell|tf|god", "^ what are|were you doing|thinking", "what the hell|heck",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Weak, "says the assistant left something out or removed it",
        [
            "you|u -|also|just|completely|totally removed|deleted|dropped|ignored|forgot|skipped|missed|lost|omitted|overlooked the|my|all|a|an|that|this|those|these|it|to|about|half|some|part|one|two|every|both|everything",
            "you left out|off", "you didnt|did_not|forgot_to|never add|include|update|change|fix|handle|implement|touch|remove|rename|run|test|write|use|apply|address",
            "still missing|no|not", "where is|are|did the|my *1 go",
        ]));
        r.Add(new(L, RuleKind.Weak, "close but not right",
        [
            "^ close|almost|nearly|nice_try|good_try|not_quite|nearly_there|almost_there $", "^ close|almost|nearly|nice_try|good_try|not_quite|nearly_there|almost_there but|except",
            "you changed|edited|modified|touched|updated *6 i wanted|meant|asked|said", "dont|doesnt|do_not|does_not add up", "thatll|that_will|this_will|thisll break",
            "almost|nearly -|it|there|right|works|working but|except",
            "you used|edited|changed|wrote|modified|added|created|updated|touched|deleted|removed|picked|called|imported|returned|put|chose|made *8 instead_of",
            "^ actually|hmm|hm|wait|ok_but|okay_but *10 instead",
            "i expected it|the|this|that|a|an|to|you", "i was hoping for|you|it|that", "this|it|that doesnt|does_not handle",
            "was|were|is|its|thats|it_was|that_was|you_were supposed to", "should have|ve|be *3 not", "it|that|this should|must be|have|return|use *6 not",
            "going -|around in circles", "actually read", "over_complicated|overcomplicated|overkill|overengineered|over_engineered|overengineering|over_engineering",
            "getting ridiculous", "^ not like that", "please|just read|look *2 again|carefully", "pretty sure *6 doesnt|isnt|wrong|removed|deprecated",
        ], unless: noWorries));
        r.Add(new(L, RuleKind.Weak, "forbids what the assistant is doing",
        [
            "^^ please|pls|just|and|but dont|do_not|never change|touch|modify|delete|remove|rewrite|reformat|rename|add|use|push|edit|commit|create|move|mock|replace|make",
            "^^ dont|do_not|never change|touch|modify|delete|remove|rewrite|reformat|rename|add|use|push|edit|commit|create|move|mock|replace",
            "i didnt|did_not want",
        ]));
        r.Add(new(L, RuleKind.Opener, "a bare no",
        ["^^ no|nope|nah|noo|nooo|noooo|nop|nay $$", "^ no no", "^^ uh|um|er|erm|hmm|oh|ugh|bro|dude no|nope|nah|noo|nooo|noooo|nop $$"], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Opener, "no, with evidence of a correction",
        ["^ no|nope|nah|noo|nooo|uh_no|um_no|err_no"],
        requires: ["wrong|incorrect|should|shouldnt|instead|means|meant|isnt|arent|wasnt|werent|never|still|again|broke|broken|revert|undo|actually", "not it|right|correct|quite|what|how|that|this|the|a"],
        unless: noWorries));
        r.Add(new(L, RuleKind.Opener, "actually or wait, with evidence of a correction",
        ["^^ actually|hmm|hm|wait|hold_on|uh|um|err|ugh|sorry_but|hmm_no"],
        requires: ["wrong|incorrect|should|shouldnt|instead|isnt|doesnt|didnt|not_what|broke|broken|missing|forgot"],
        unless: noWorries));
    }

    private static void German(List<PhraseRule> r)
    {
        const string L = "de";
        r.Add(new(L, RuleKind.Strong, "sagt, die Antwort sei falsch",
        [
            "das|dies|es|ergebnis|ausgabe|antwort|code|der_code|die_ausgabe|die_antwort|das_ergebnis ist|war|sind|waren *3 falsch|verkehrt|inkorrekt|fehlerhaft",
            "das|dies|es ist|war -|leider|so|auch|doch|aber|immer_noch nicht richtig|korrekt|das_richtige|was_ich_wollte",
            "das|es|dies|so stimmt|passt|geht -|so|aber|leider|doch|auch|immer_noch nicht",
            "^ falsch|verkehrt|inkorrekt|stimmt_nicht", "du liegst|irrst *1 falsch|dich", "du irrst dich", "das ist quatsch|unsinn|murks",
        ]));
        r.Add(new(L, RuleKind.Strong, "sagt, der Assistent habe falsch verstanden oder anderes getan",
        [
            "nicht -|ganz|genau|das|so|wirklich -|das was|wie ich|wir *2 wollte|wollten|meinte|gemeint|gesagt|verlangt|gefragt|brauche|erwartet|will|wollten|angefragt|beschrieben|bestellt",
            "nicht gemeint|gewollt|verlangt|gefragt", "falsch|miss verstanden", "missverstanden",
            "das|davon habe|hab ich nicht|nie gesagt|verlangt|gewollt", "ich habe|hab|hatte nie|nicht *2 gesagt|verlangt|gefragt|gewollt",
        ]));
        r.Add(new(L, RuleKind.Strong, "wiederholt, was schon gesagt wurde",
        [
            "ich habe|hab|hatte -|doch|ausdrucklich|explizit|extra|schon|bereits|klar|dir|doch_schon dir|doch|schon|bereits|extra|-  gesagt|geschrieben|erwahnt|gebeten|erklart",
            "wie -|schon|bereits gesagt|erwahnt|besprochen|geschrieben|erklart|gewunscht", "ich sagte|meinte", "ich sagte doch",
        ]));
        r.Add(new(L, RuleKind.Strong, "wiederholt mit Ungeduld",
        [
            "zum zweiten|dritten|vierten|funften|x|xten|hundertsten|tausendsten|n|nten|wiederholten|letzten mal|male",
            "^ schon|jetzt|nicht -|schon|etwa wieder $", "schon|jetzt|immer wieder falsch|kaputt|derselbe|dasselbe|das_gleiche|der_gleiche|nicht|fehler|rot|das",
            "wie oft *5 noch|sagen|sagen|wiederholen|erklaren", "wie oft denn noch",
            "hast du *3 uberhaupt|eigentlich gelesen|getestet|ausgefuhrt|gepruft",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "verlangt Rückgängigmachen oder Zurück",
        [
            "ruckgangig|rueckgaengig",
            "nimm|nehm|nimmt *4 zuruck|zurueck",
            "zuruck|zurueck zur|zum|auf|zu *3 vorherig~|alt~|vorig~|ursprunglich~|urspruenglich~|fruher~|letzt~|version|stand",
            "setz|setze|stell|stelle|bau|baue *4 zuruck|zurueck", "stell|stelle|mach *4 wieder her", "wiederherstellen",
            "wieder wie vorher|zuvor|vorhin|fruher", "wie es|das vorher|zuvor war", "wie vorher|zuvor machen",
            "^ stopp|stop|halt|aufhoren|schluss $", "hor|hore|hort|hoer|horen auf", "lass|lasst *4 in ruhe", "lass|lasst die finger",
            "wer hat *3 gesagt|verlangt|gebeten", "das|so|es war nicht -|so gemeint|gewollt|verlangt",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "meldet, dass es immer noch nicht geht",
        [
            "immer_noch|noch_immer|nach_wie_vor|weiterhin|trotzdem|schon_wieder -|nicht|der|derselbe|dasselbe|die|das|den|ein nicht|falsch|kaputt|derselbe|dasselbe|gleiche|gleichen|selbe|selben|fehler|fehl|rot|abgesturzt|leer|da|kaputt|gleich|fehlerhaft",
            "gleicher|gleiche|derselbe|dieselbe|der_gleiche|die_gleiche|selber|selbe|identischer fehler|fehlermeldung|problem|absturz|stacktrace|ergebnis|ausnahme|exception",
            "hat|hats|hatte *1 nichts|nix|gar_nichts|null gebracht|geholfen|geandert|bewirkt|genutzt",
            "funktioniert|geht|klappt|lauft|kompiliert|baut immer_noch|noch_immer|trotzdem|weiterhin|schon_wieder|jetzt|auch_jetzt|noch nicht",
            "nichts hat sich geandert|getan", "^ keine veranderung|anderung|besserung|wirkung", "^ nichts geandert", "es|das ist|wurde nicht|immer_noch_nicht behoben|gefixt|repariert|gelost",
            "jetzt|nun geht|funktioniert|lauft|kompiliert|klappt *2 nichts|gar_nichts|nicht_mehr", "nicht mehr kompiliert|funktioniert|lauft|geht|startet|baut",
            "das|es hat|lief|ging vorher|davor|zuvor *1 funktioniert|geklappt|gegangen|gelaufen|ging|lief", "vorher ging|lief|lief_es|ging_es|hat_es",
        ]));
        r.Add(new(L, RuleKind.Strong, "sagt, der Assistent habe etwas kaputt gemacht oder am Falschen gearbeitet",
        [
            "falsche|falschen|falsches|falscher|verkehrte|verkehrten datei|dateien|methode|funktion|klasse|branch|zweig|tabelle|spalte|ordner|verzeichnis|pfad|version|variable|stelle|modul|komponente|repo|repository|projekt|endpunkt|datenbank|befehl|sprache|ansatz|reihenfolge|richtung|test|zeile|wert|port|parameter|schlussel|feld|typ",
            "du hast|hattest *4 kaputt|kaputtgemacht|zerstort|zerschossen|uberschrieben|vermurkst|verschlimmbessert",
            "seit|nach deiner|deinem|deinen|der|dem -|letzten|letzte|neuen anderung~|commit|fix|edit|umbau|refactoring|aenderung~",
            "du hast|hattest *3 vergessen|weggelassen|ignoriert|ubersehen|ausgelassen|ubergangen|entfernt|geloscht",
            "fehlt|fehlen immer_noch|noch_immer|schon_wieder|wieder|trotzdem",
        ]));
        r.Add(new(L, RuleKind.Opener, "ein bloßes Nein", ["^^ nein|ne|nee|no|noe|nope $$"], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Opener, "Nein mit Anzeichen einer Korrektur",
        ["^ nein|nee|ne|noe|nein_nein"],
        requires: ["falsch|nicht|kein|keine|keinen|sondern|statt|stattdessen|soll|sollte|sollen|muss|eigentlich|immer_noch|wieder|verkehrt"],
        unless: ["nein danke", "kein problem|stress|ding|thema", "keine eile|sorge|sorgen|ursache", "sonst|weiter nichts", "alles gut|klar", "nicht schlimm|notig|eilig|dringend|nötig"]));
    }

    private static void French(List<PhraseRule> r)
    {
        const string L = "fr";
        r.Add(new(L, RuleKind.Strong, "dit que la réponse est fausse",
        [
            "cest|cetait|ca_cest|tout_ca_cest -|completement|totalement|encore|toujours|archi|tout|carrement faux|incorrect|errone|inexact|nimporte_quoi",
            "ce_nest|cest|ce_netait|cetait|ca_nest|ca_cest|nest|netait pas -|du_tout|tout_a_fait|vraiment|encore|toujours|non_plus correct|juste|bon|exact|ca|la_bonne|le_bon|vrai",
            "^ faux|incorrect|errone|rate $", "^ faux|incorrect|errone", "tu te|vous_vous trompe~", "tu|vous tes|tetes|vous_etes trompe~", "tu as|tas|vous_avez tort",
            "ca|cela ne va|va|marche|colle pas", "cest|ce_nest pas|plus -|du_tout ca",
        ]));
        r.Add(new(L, RuleKind.Strong, "dit que l'assistant a mal compris ou fait autre chose",
        [
            "pas|jamais|plus|rien ce|ca|de que|qui jai|je|javais|tavais|jaurais|on|nous *1 demande|voulais|veux|voulu|dit|demandais|attendais|entendais|souhaitais|souhaite|besoin|ecrit|precise|avait_demande|voulions",
            "mal compris|lu|interprete|saisi", "pas|rien compris", "je nai|navais jamais|pas dit|demande|voulu|parle",
            "ce|ca nest|netait pas -|du_tout ce|ca que|qui",
        ]));
        r.Add(new(L, RuleKind.Strong, "répète ce qui a déjà été dit",
        [
            "jai|je_lai|je_tai|je_te_lai|je_vous_lai -|deja|bien|pourtant|clairement|explicitement dit|precise|demande|ecrit|explique|indique",
            "comme je *3 dit|mentionne|explique|precise|ecrit|demande|indique", "je te|tai|vous|lai *2 dit|demande|explique|repete",
        ]));
        r.Add(new(L, RuleKind.Strong, "répète avec impatience",
        [
            "pour la deuxieme|troisieme|quatrieme|cinquieme|enieme|nieme|centieme|millieme|2e|3e|2eme|3eme|4e|4eme|derniere fois",
            "combien de fois *4 dire|repeter|faut|dois|demander|ecrire|expliquer", "^ encore|encore_une_fois|serieusement $",
            "encore|toujours|de_nouveau faux|rate|casse|plante|la_meme_erreur|le_meme_probleme|pas_bon", "faux|rate|casse encore|de_nouveau",
            "tu as|tas|vous_avez *2 meme|seulement|vraiment lu|teste|essaye|verifie",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "demande d'annuler ou de revenir en arrière",
        [
            "^ annule|annulez|defais|defaites|revert|reverte",
            "annule|annulez|defais|defaites ca|cela|ce|la|le|les|tout|tes|ta|ton|vos|votre|cette|ces|ca_stp|derniere",
            "reviens|revenez|retourne|retournez|revenir|retourner|repasse|repassez *3 precedent~|ancien~|arriere|avant|origin~|derniere|initial~|etait",
            "remets|remettez|remettre|restaure|restaurez *4 comme|ancien~|precedent~|origin~|avant|etait|initial~", "comme avant|cetait",
            "^ arrete|arretez|stop|stoppe|halte|assez|stop_stop $", "arrete|arretez|cesse|cessez de|d|dajouter|dutiliser|dinventer|decrire|dessayer|deffacer|de_modifier",
            "laisse|laissez *4 tranquille~", "ne touche|touchez pas", "qui ta|vous_a|ta_demande demande|dit",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "signale que ça échoue toujours",
        [
            "marche|fonctionne|compile|passe|tourne|demarre|marchent|fonctionnent|passent|compilent|va toujours|encore|plus pas",
            "marche|fonctionne|compile|tourne|demarre|marchent|fonctionnent|compilent plus",
            "echoue|echouent|plante|plantent|crash|crashe|bloque|rate toujours|encore|de_nouveau",
            "toujours|encore|exactement|cest_toujours|cest_encore la|le meme erreur|probleme|bug|resultat|plantage|souci|message",
            "^ meme|la_meme|le_meme erreur|probleme|bug|resultat|exception|plantage|souci",
            "meme erreur|probleme|bug|plantage|exception|resultat|souci quavant|que|toujours|encore|de_nouveau|ici",
            "ca|cela|ta_modif|ton_correctif|tes_changements na|nont|a|ont rien|pas change|corrige|regle|resolu|arrange|fait",
            "rien na change", "toujours pas corrige|resolu|regle|bon|ca", "cest|ce_nest|nest toujours pas bon|ca|corrige|regle",
            "marchait|fonctionnait|compilait|passait avant", "avant ca|cela marchait|fonctionnait",
        ]));
        r.Add(new(L, RuleKind.Strong, "dit que l'assistant a cassé quelque chose ou travaillé au mauvais endroit",
        [
            "tu as|tas|vous_avez *3 oublie|oublies|supprime|efface|casse|ignore|saute|enleve|retire|ecrase|detruit|perdu|zappe",
            "mauvais|mauvaise|mauvaises|mauvais fichier|fonction|methode|classe|branche|dossier|repertoire|chemin|version|variable|table|colonne|ligne|endroit|module|composant|projet|cle|commande|approche|langage|base|port|test|valeur|parametre|champ|type|ordre|sens|depot",
            "tu tes|vous_vous_etes|tes|tu_te trompe~ de", "depuis|apres ta|tes|votre|vos|cette|ce -|derniere|dernier|derniers|dernieres modif~|changement~|commit|correction|correctif|refacto~",
            "il|ca|le_test manque toujours|encore",
        ]));
        r.Add(new(L, RuleKind.Opener, "un non tout court", ["^^ non|nan|nope|non_non $$"], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Opener, "non, avec des signes de correction",
        ["^ non|nan|non_non"],
        requires: ["pas|faux|plutot|au_lieu|doit|devrait|devais|jamais|toujours|encore|incorrect|errone|mauvais~"],
        unless: ["non merci", "pas de souci|soucis|probleme|stress|rush", "ce sera|cest tout", "rien dautre|de_plus", "pas grave|presse|besoin|la_peine|mal"]));
    }

    private static void Spanish(List<PhraseRule> r)
    {
        const string L = "es";
        r.Add(new(L, RuleKind.Strong, "dice que la respuesta está mal",
        [
            "eso|esto|asi|todo|el_resultado|la_respuesta|el_codigo esta|es|sigue|estan|son|quedo -|todo|completamente|totalmente|muy|otra_vez|de_nuevo mal|incorrecto|incorrecta|equivocado|equivocada|erroneo|erronea",
            "^ incorrecto|incorrecta|mal|falso|equivocado|erroneo", "no es|esta|son|estan -|muy|del_todo|para_nada correcto|correcta|bien|asi|eso|cierto|lo_correcto",
            "te equivocas|equivocaste|has_equivocado", "estas equivocado|equivocada",
        ]));
        r.Add(new(L, RuleKind.Strong, "dice que el asistente no entendió o hizo otra cosa",
        [
            "no es|era|fue lo|eso|esto que|lo_que *2 pedi|queria|quise|dije|necesito|necesitaba|esperaba|pedia|pedimos|busco|buscaba",
            "no me|nos refiero|referia|referi", "no me|nos entendiste|entiendes|has_entendido|entendio|entendieron", "me|lo entendiste|entendio|interpretaste mal",
            "entendiste|interpretaste mal", "yo no pedi|dije|queria",
        ]));
        r.Add(new(L, RuleKind.Strong, "repite lo que ya dijo",
        ["te|ya|lo|como|les|como_te|como_ya|ya_te dije|pedi|dicho|explique|comente|mencione|aclare", "te he|lo_he dicho|pedido|explicado"]));
        r.Add(new(L, RuleKind.Strong, "repite con impaciencia",
        [
            "por segunda|tercera|cuarta|quinta|enesima|milesima|centesima|2a|3a|ultima vez", "cuantas veces *4 decir|repetir|tengo|pedir|dije|explicar",
            "^ otra vez|de_nuevo|en_serio $", "otra vez|de_nuevo mal|roto|lo_mismo|el_mismo|igual|falla|fallando|incorrecto", "mal|roto|igual otra|de vez|nuevo",
            "leiste|probaste|revisaste *2 siquiera|acaso", "siquiera lo|la leiste|probaste|revisaste",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "pide deshacer o volver atrás",
        [
            "^ deshaz|deshazlo|revierte|reviertelo|revierta|deshaga|deshace|revertilo", "deshaz|revierte|deshazlo|reviertelo|deshaga|revierta eso|esto|el|la|los|las|todo|tus|lo|ese|esa|este|esta|ultimo|cambio",
            "vuelve|volve|regresa|volvamos|vuelva|regresa|vuelvan *3 version_anterior|anterior|como_estaba|original|antes|estaba|previa",
            "deja|dejalo|dejala|ponlo|ponla|dejalos como estaba|estaban|antes|era",
            "^ para|basta|alto|detente|deten|stop|para_ya $", "deja|deje|dejen|deja_ya de", "^ para|pare|paren de", "no toques|toque",
            "quien te|le pidio|dijo",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "dice que sigue fallando",
        [
            "sigue|siguen|continua|continuan sin_funcionar|fallando|igual|roto|rota|mal|dando|sin_compilar|con_el_mismo|con_error|sin_andar|sin_arrancar",
            "todavia|aun no funciona|funcionan|falla|compila|anda|va|arranca|pasa", "todavia|aun falla|fallan|da_error|sale_el_error|esta_roto|esta_mal|no",
            "^ mismo|el_mismo|otra_vez_el_mismo|sigue_el_mismo error|problema|fallo|resultado|bug|crash|comportamiento",
            "mismo error|problema|fallo|resultado|bug que|de antes|otra_vez|de_nuevo", "mismo error|problema|fallo que antes",
            "no cambio|cambia|arreglo|soluciono|resolvio|mejoro nada", "no funciono|sirvio|arreglo|soluciono|resolvio|cambio", "no ha funcionado|servido|cambiado|arreglado",
            "antes funcionaba|andaba|compilaba|iba", "funcionaba|andaba|compilaba antes",
        ]));
        r.Add(new(L, RuleKind.Strong, "dice que el asistente rompió algo o trabajó en lo equivocado",
        [
            "te olvidaste|olvidaste", "se te olvido|olvidaron|paso", "olvidaste|omitiste|borraste|eliminaste|rompiste|quitaste|ignoraste|sobrescribiste|perdiste|saltaste",
            "archivo|funcion|metodo|clase|rama|carpeta|directorio|ruta|version|variable|tabla|columna|linea|lugar|modulo|componente|proyecto|comando|enfoque|puerto|valor|parametro|campo|tipo|orden|repositorio|repo equivocado|equivocada|incorrecto|incorrecta|erroneo|erronea",
            "despues de|desde tu|tus -|ultimo|ultimos cambio|cambios|commit|arreglo|edicion",
            "todavia|aun|sigue falta|faltan|faltando",
        ]));
        r.Add(new(L, RuleKind.Opener, "un no a secas", ["^^ no|nop|nope|no_no $$"], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Opener, "no, con señales de corrección",
        ["^ no|nop|no_no"],
        requires: ["mal|incorrecto|incorrecta|equivocad~|eso_no|asi_no|no_es|sino|en_vez|en_lugar|deberia|debe|tiene_que|nunca|sigue|otra_vez"],
        unless: ["no gracias", "no hay problema|prisa|apuro", "no pasa nada", "no te preocupes", "sin prisa", "eso es todo", "nada mas"]));
    }

    private static void Portuguese(List<PhraseRule> r)
    {
        const string L = "pt";
        r.Add(new(L, RuleKind.Strong, "diz que a resposta está errada",
        [
            "isso|isto|ta|tudo|o_resultado|a_resposta|o_codigo|assim esta|ta|e|continua|ficou|estao -|todo|completamente|totalmente|tudo|muito|de_novo errado|errada|incorreto|incorreta|errados|erradas",
            "^ errado|errada|incorreto|incorreta", "nao esta|ta|e|estao -|muito|bem certo|correto|correta|isso|assim|certa",
            "voce|vc|tu esta|ta|estas errado|errada|enganado|enganada", "voce|vc|tu se enganou",
        ]));
        r.Add(new(L, RuleKind.Strong, "diz que o assistente não entendeu ou fez outra coisa",
        [
            "nao foi|e|era isso|o|bem_isso *2 pedi|queria|quis|disse|falei|preciso|precisava|esperava|pedia|pedimos",
            "nao entendeu|entendeste|compreendeu|sacou", "entendeu|entendeste errado|mal", "eu nao pedi|disse|falei|queria",
        ]));
        r.Add(new(L, RuleKind.Strong, "repete o que já disse",
        ["eu|ja|como_eu|como|te|eu_ja|ja_te|eu_te disse|falei|pedi|mencionei|expliquei|avisei", "como eu *2 disse|falei|pedi|mencionei"]));
        r.Add(new(L, RuleKind.Strong, "repete com impaciência",
        [
            "pela segunda|terceira|quarta|quinta|enesima|milesima|centesima|ultima vez", "quantas vezes *4 repetir|dizer|falar|pedir|tenho|vou|explicar",
            "^ de_novo|outra_vez|serio $", "errado|quebrado|falhou|mesmo|errada de_novo|outra_vez", "de_novo|outra_vez errado|errada|quebrado|o_mesmo|falhou|falhando",
            "voce|vc *2 sequer|nem leu|testou|rodou",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "pede para desfazer ou voltar",
        [
            "^ desfaz|desfaca|desfaz_isso|reverte|reverta", "desfaz|desfaca|reverte|reverta isso|isto|tudo|essa|esse|essas|esses|a_ultima|o_ultimo|suas|seu|sua|a|o",
            "volta|volte|voltar|retorna|retorne|voltem *3 versao_anterior|anterior|como_estava|original|antes|estava|era",
            "deixa|deixe|coloca|bota|poe como estava|era|antes",
            "^ para|pare|chega|parem|stop $", "para|pare|parem de", "nao mexe|mexa|encosta", "quem te|lhe pediu|mandou",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "diz que continua falhando",
        [
            "continua|continuam|segue|seguem|ainda sem_funcionar|falhando|dando|quebrado|errado|igual|com_o_mesmo|com_erro|sem_rodar",
            "ainda esta|ta|estao falhando|quebrado|errado|dando_erro|com_erro|igual", "ainda nao funciona|funcionou|compila|roda|passa|deu|abre",
            "^ mesmo|o_mesmo|a_mesma erro|problema|bug|resultado|falha", "mesmo|o_mesmo erro|problema|bug|resultado de|que antes|de_novo|ainda", "mesmo erro|problema de_antes|que_antes",
            "nao mudou|resolveu|funcionou|adiantou|corrigiu|ajudou nada|-", "nada mudou", "antes funcionava|rodava|compilava", "funcionava|rodava|compilava antes",
        ]));
        r.Add(new(L, RuleKind.Strong, "diz que o assistente quebrou algo ou mexeu no lugar errado",
        [
            "voce|vc|tu -|se esqueceu|esqueceu|esqueceste|apagou|removeu|quebrou|ignorou|pulou|tirou|deletou|sobrescreveu|estragou",
            "arquivo|funcao|metodo|classe|branch|pasta|diretorio|caminho|versao|variavel|tabela|coluna|linha|lugar|modulo|componente|projeto|comando|porta|valor|parametro|campo|tipo|ordem|repositorio|repo errado|errada",
            "depois da|do|de|desde sua|seu|tua|teu|a_sua|o_seu|essa|esse -|ultima|ultimo mudanca|alteracao|commit|correcao|edicao",
            "ainda falta|faltam|faltando",
        ]));
        r.Add(new(L, RuleKind.Opener, "um não seco", ["^^ nao|nope|nao_nao $$"], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Opener, "não, com sinais de correção",
        ["^ nao|nao_nao"],
        requires: ["errado|errada|incorreto|assim_nao|nao_e|nao_era|devia|deveria|tem_que|ao_inves|em_vez|nunca|continua|ainda|de_novo"],
        unless: ["nao obrigado", "sem pressa|problema|stress", "e so isso", "so isso", "nada mais", "tudo bem|certo", "nao precisa"]));
    }

    private static void Russian(List<PhraseRule> r)
    {
        const string L = "ru";
        r.Add(new(L, RuleKind.Strong, "говорит, что ответ неверен",
        [
            "это|так|все|ответ|результат|код|вывод -|снова|опять|совсем|вообще|абсолютно|все_еще|до_сих_пор|тоже неправильн~|неверн~|не_так|не_то|ошибочн~|не_правильно|не_верно|некорректн~",
            "^ неправильн~|неверн~|не_так|не_то|некорректн~|ошибочн~", "ты|вы ошибаешься|ошибаетесь|не_прав|неправ|не_правы",
        ]));
        r.Add(new(L, RuleKind.Strong, "говорит, что ассистент понял не так или сделал другое",
        [
            "не то|это|так|совсем_не|то_не *1 что|как -|я|мы *1 просил~|хотел~|имел~|говорил~|сказал~|ожидал~|нужно|просили|хотели|писал~|заказывал~",
            "не это|то|так имел~|имела", "неправильно|не_так|не понял~|поняла|понимаешь|поняли", "я не просил~|говорил~|хотел~|просила",
        ]));
        r.Add(new(L, RuleKind.Strong, "повторяет сказанное",
        [
            "я же|уже|ведь|же_тебе|тебе|же_уже|ведь_уже|уже_тебе -|тебе|вам сказал~|говорил~|просил~|писал~|объяснял~|объяснил~|упоминал~",
            "как я -|уже|и|же говорил~|сказал~|писал~|просил~|упоминал~|объяснял~",
        ]));
        r.Add(new(L, RuleKind.Strong, "повторяет с раздражением",
        [
            "во|в второй|третий|четвертый|пятый|сотый|тысячный|энный|очередной|который|десятый раз", "сколько раз *4 повтор~|говорить|просить|объяснять|можно|писать",
            "^ опять|снова|серьезно $", "опять|снова не_то|неправильн~|неверн~|ошибк~|сломал~|та_же|то_же|не_работает|падает|не_так|сломано",
            "ты|вы *2 вообще|хоть читал~|проверял~|запускал~|тестировал~",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "просит отменить или вернуть как было",
        [
            "отмени|откати|отмените|откатите|откатись|откатывай",
            "верни|верните|вернись|вернитесь|восстанови|восстановите|сделай|сделайте|оставь|оставьте *3 как_было|назад|обратно|предыдущ~|прежн~|стар~|исходн~|оригинал~|удален~|на_место|раньше",
            "как было|раньше", "^ стоп|хватит|прекрати|прекратите|перестань|перестаньте|остановись|остановитесь|стой|довольно",
            "не трогай|трогайте", "кто тебя|вас просил~",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "сообщает, что всё ещё не работает",
        [
            "все_еще|до_сих_пор|по_прежнему|опять|снова|всё_равно|все_равно|так_и *1 не_работает|падает|не_компилируется|ошибка|валится|крашится|не_проходит|сломан~|та_же|то_же|не_исправлен~|красн~|не_собирается|не_запускается|не_открывается|висит|глючит",
            "та|тот|то|такая|такой|та_же|тот_же же|самая|самый -|самая|самый ошибка|проблема|баг|результат|падение|исключение|ошибку|поведение",
            "ничего не изменилось|поменялось|помогло|исправилось", "не помогло|сработало|исправило|изменилось", "не исправил~|починил~",
            "раньше|до_этого|до_твоих_правок работал~|компилировал~|запускал~", "работал~ раньше|до_этого",
        ]));
        r.Add(new(L, RuleKind.Strong, "говорит, что ассистент что-то сломал или правил не то",
        [
            "ты|вы -|опять|снова|совсем|же забыл~|удалил~|сломал~|пропустил~|проигнорировал~|потерял~|затер~|стер~|убрал~|упустил~|испортил~|перезаписал~",
            "не тот|ту|то|те|том|той|туда|тем|той|тех *1 файл~|функци~|метод~|класс~|ветк~|папк~|каталог~|путь|верси~|переменн~|таблиц~|столб~|строк~|модул~|компонент~|проект~|команд~|порт~|значени~|место|параметр~|поле|тип",
            "не туда", "после твоих|твоего|твоей|ваших|вашего|этих|этого изменени~|правк~|коммит~|исправлени~|рефактор~",
            "все_еще|до_сих_пор|опять нет|не_хватает",
        ]));
        r.Add(new(L, RuleKind.Opener, "голое «нет»", ["^^ нет|неа|не_не|нет_нет $$"], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Opener, "«нет» с признаками исправления",
        ["^ нет|неа|нет_нет"],
        requires: ["неправильн~|неверн~|не_так|не_то|не_это|должн~|вместо|а_не|опять|снова|все_еще|до_сих_пор"],
        unless: ["без проблем", "спасибо", "не спеши|торопись|надо|нужно", "это все", "больше ничего"]));
    }

    private static void Chinese(List<PhraseRule> r)
    {
        const string L = "zh";
        r.Add(new(L, RuleKind.Strong, "说答案不对",
        ["不对|不正确|不是这样|错了|是错的|有错|写错了|搞错了|弄错了|完全错|全错|不准确|错的|那不对|这不对"]));
        r.Add(new(L, RuleKind.Strong, "说助手理解错了或做了别的",
        [
            "不是 *1 我|我们 *2 要|想要|说|问|让|要求|需要|意思|想|的意思", "不是这个|那个 意思", "理解错|误解|误会|会错意|没理解|没听懂|没看懂|理解偏",
            "我 没|没有|并没有|从来没 让|要求|说|叫 你", "谁 让|叫 你",
        ]));
        r.Add(new(L, RuleKind.Strong, "重复已经说过的话",
        ["我 -|已经|明明|刚才|刚|都|不是|早就|早 说了|说过|讲过|讲了|告诉过你|告诉你了|强调过|提过|写了", "跟你说了|跟你说过|说过了"]));
        r.Add(new(L, RuleKind.Strong, "不耐烦地重复",
        [
            "第 二|三|四|五|六|n|几|十|一百|2|3|4|5|n 次|遍 了", "多少|几 遍|次 了", "说 多少|几 遍|次", "又 来|错|是这样|不行|失败|报错|崩|坏 了",
            "又来了|又错|又是", "你 *2 到底|根本|有没有 看|读|测试|运行",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "要求撤销或退回",
        [
            "撤销|撤回|回滚|还原|回退|恢复 刚才|你|这个|那个|上|修改|改动|更改|吧|一下|掉|原|之前|回去|到之前|到原来|成原",
            "把 *8 回滚|撤销|还原|撤回|回退|改回|恢复", "改回|改回去|改回来|恢复原样|恢复原状|原来的样子", "回到 上一个|上个|之前|原来|以前|刚才",
            "^ 停|停下|停止|住手|打住|别动|够了 $", "停下来|停止修改|别改了|不要改了", "别 再|乱", "不要 再|乱",
        ], unless: ["再次"], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "说还是不行",
        [
            "还是|依然|仍然|仍旧|照样|依旧 不行|不对|一样|失败|报错|没|同样|错|不能|不工作|出错|崩|挂|有问题|有错|有bug|老样子|没有|不好使|不起作用",
            "一样|同样|相同 的 错误|问题|报错|结果|bug", "跟|和|与 刚才|之前|上次|原来 一样", "一点 变化|效果 都没有", "没有|没 变化|任何变化|效果|改变",
            "不起作用|不管用|没起作用|没解决|没修好|没修复|还没修好|没有解决", "之前|本来|原来 是 好的|好好的|能用|能跑|可以", "之前 能用|能跑|可以|好好的",
        ]));
        r.Add(new(L, RuleKind.Strong, "说助手弄坏了东西或改错了地方",
        [
            "你 *2 忘了|漏了|漏掉|删了|删掉|弄坏|搞坏|改坏|破坏|忽略|遗漏|丢了|覆盖", "你 *2 改错|弄错|搞错|写错|用错|删错|看错",
            "改错|弄错|用错 文件|函数|地方|了", "错 的 文件|函数|地方|分支|版本|方法|类", "你的 修改|改动 *2 导致|搞坏|弄坏|破坏",
            "还是|仍然 缺|少|没有",
        ]));
        r.Add(new(L, RuleKind.Opener, "不 开头并带着纠正的迹象",
        ["^ 不不|不是不是|不行"], requires: ["不对|错|不是|应该|而是|还是|又"]));
    }

    private static void Japanese(List<PhraseRule> r)
    {
        const string L = "ja";
        r.Add(new(L, RuleKind.Strong, "答えが間違っていると言う",
        [
            "^ 違います|違う|違いますよ|ちがう|ちがいます|間違って|間違い|間違えて|まちがい|まちがって|誤り|そうではなく|そうじゃなく|そうじゃない|正しくない|そうではありません",
            "それは|これは|答えは|結果は|出力は|コードは *2 違います|違う|間違って|間違い|正しくない|誤り", "間違ってます|間違っていますよ|間違っていると思|おかしいです|おかしいですよ",
        ]));
        r.Add(new(L, RuleKind.Strong, "誤解や頼んだことと違うと言う",
        [
            "頼んだ|お願いした|言った|求めて|求めた|欲しかった|意図した|指示した|依頼した *4 と違|ではな|ではあ|じゃな|じゃあ|とは違",
            "そういう|そんな 意味|つもり では|じゃ", "誤解|勘違い|取り違え|読み違え|誤読 して|しています|してます|です|されて",
            "頼んで|言って|お願いして いません|ない|ないです",
        ]));
        r.Add(new(L, RuleKind.Strong, "すでに言ったことを繰り返す",
        [
            "と言いましたよね|と言ったよね|と言ったでしょ|と言ったはず|って言ったよね|って言ったでしょ|って言ったじゃ|と言ったじゃ",
            "も 言いました|言った|言いましたが|伝えました|お伝えしました", "言いましたよね|言ったよね|言ったはず|言ったじゃない|伝えたはず|伝えましたよね", "何度も 言|伝え",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "苛立って繰り返す",
        [
            "二|三|四|五|2|3|4|5|何 回目|度目 です|だ|なん|ですよ|ですが|だけど|です", "何度 言|目|言えば|言ったら", "何回 言|目|言えば",
            "また です|ですか|か|同じ|間違|違|失敗|エラー|壊", "^ また|またか|また？ $",
            "ちゃんと|本当に 読んで|確認して|テストして",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "元に戻す・取り消しを求める",
        [
            "元に|もとに 戻", "元通り|元どおり|もとどおり", "取り消して|取り消しして|取り消しを", "リバートして|ロールバックして|リバート|ロールバック",
            "前の|以前の|元の|さっきの|直前の *3 戻して|戻す|戻し", "戻してください|戻して下さい|戻してくれ",
            "^ ストップ|やめて|止めて|待って|ちょっと待って|やめろ|止まって $", "やめてください|やめて下さい|やめてくれ|しないでください|しないで下さい", "勝手に",
        ], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Strong, "まだ直っていないと言う",
        [
            "まだ|相変わらず|依然として|やはり|やっぱり|結局 *1 動きません|動かない|失敗|エラー|直って|同じ|落ち|だめ|ダメ|駄目|通らない|壊れ|出ます|出る|動いていません|治って|直らない|解決して",
            "また|さっきと|前と|先ほどと|以前と|まだ|さっき *1 同じ", "何も 変わって|変わりません|変化", "変わっていません|変わってない|変化なし|効果がない|効果なし|直っていない|直ってない|直っていません|治っていません",
            "前は|以前は|さっきまで|もともと *1 動いて|動いた|通って|できて",
        ]));
        r.Add(new(L, RuleKind.Strong, "壊した・違う所を直したと言う",
        [
            "忘れています|忘れてる|忘れていますよ|忘れてます|忘れてませんか|抜けています|抜けてる|抜けてます|漏れています|漏れてる|消えています|消えてる|消しましたね|消されて|壊しました|壊した|壊れました|壊されて",
            "違う|別の|間違った ファイル|関数|メソッド|クラス|ブランチ|場所|フォルダ|ディレクトリ|パス|バージョン|変数|テーブル|行|箇所|所|ところ|ほう|方",
            "変更|修正|編集 *2 後|以降|せいで|から 動|壊|エラー|失敗",
        ]));
        r.Add(new(L, RuleKind.Opener, "いや・いいえだけの返事", ["^^ いや|いやいや|いいえ|違う $$"], alsoInQuestions: true));
        r.Add(new(L, RuleKind.Opener, "いやで始まり訂正の兆しがある",
        ["^ いや|いやいや|いえ|いえいえ"], requires: ["違|そうじゃな|そうではな|ではなく|じゃなく|なくて|べき|まだ|また|やめ"]));
    }
}
