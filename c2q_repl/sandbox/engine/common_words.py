"""Ordinary English words that also begin names of things ('General Mills', 'Target',
'First Solar', 'Public Storage'). A lowercase word that starts one name is read as that name
only when it is not one of these (lexicon.add_name_prefixes): 'cisco', 'lockheed' or
'berkshire' typed in lowercase mean the company; 'general', 'target' or 'first' may mean the
word. The list is deliberately broad: a word missing from it can link a name by mistake, a
word too many only asks the user to write the full name."""

from __future__ import annotations

from functools import cache

from .keywords import KEYWORDS, STOP_WORDS

COMMON_WORDS = frozenset(
    """
    able about above access account acme act action active adam add advance advanced advantage
    aerospace affiliated after again against age agilent ago agree ahead aid aim air alive all
    alliance allied alone along alpha already also always amazing america american among amount
    analog angel angry animal answer any anything apart apartment apollo appear apple applied
    arch area argue arm army around arrive arrow art ask asset associated atlantic atlas attack
    aunt auto automatic autumn avenue average away baby back bad bag balance ball bancorp band
    bank banner bar base basic basket bath battle beach beacon bear beat beautiful beauty
    become bed before begin behind believe bell below belt bend beside best better between
    beyond big bird birth bit bitter black blind block blood blow blue board boat body bone
    book border born boston both bottle bottom bound bowl box boy brain branch brave bread
    break breath brick bridge brief bright bring broad brother brown budget build builders bull
    burn bus business busy buy cable cake call calm camden camera camp can candle cap capital
    capture car card cardinal care career carrier carry case cash castle cat catch cause cell
    center central centre century chain chair champion chance change channel chapter charge
    charles charter cheap check cheese chemical chest chicken chief child children choice
    choose christmas church cinema circle citizens city civic claim class clean clear climb
    clock close clothes cloud club coal coast coat coca code coffee coin cold collect college
    colony color colour columbia come comfort commerce commercial common community company
    compare compass complete computer concord consolidated constellation consumer continental
    control cook cool copper copy core corn corner cornerstone cost cotton could count country
    couple course court cove cover cow crazy cream create credit crescent crest crime crop
    cross crown cruise cry crystal cup cut cycle cypress dad damage dance danger dark data date
    daughter day dead deal dear death debt decide deep deer degree deliver delta demand desert
    design desk detail develop diamond die different digital dinner direct dirt dirty discover
    discovery disease distance doctor dog dollar dominion door double doubt dover down dozen
    drag draw dream dress drink drive drop drum dry duck dust duty dynamic each eagle ear early
    earn earth east eastern easy eat eco edge effect egg eight either electric electrical
    electronic element elevance elite else emerald empire empty end enemy energy engine enjoy
    enough enter enterprise entire equal equity escape essential even evening event ever
    everest evergreen every everything exact example excel except exchange exercise expect
    experience expert explain express extra eye face fact factory fail fair falcon fall false
    family famous fan far farm fashion fast fat father fear federal feel feet fellow female
    fence few fidelity field fifth fight figure fill film final financial find fine finger
    finish fire first fish fit five fix flag flat fleet flex flight floor flow flower fly focus
    fold follow food foot force ford foreign forest forget form fortune forward four fox frame
    franklin free freedom fresh friend frog front frontier fruit fuel full fun funny future
    game gap garden gas gate gateway gather general gentle genuine get giant gift girl give
    glad glass global globe go goal goat god gold golden gone good government grain grand
    graphic grass grave gray great green grey ground group grow growth guard guardian guess
    guest guide gulf gun hair half hall hamilton hand handle hang happen happy harbor harbour
    hard harmony harvest hat hate have head health hear heart heat heaven heavy hello help
    heritage hero hide high highland hill history hold hole holiday hollow home honey hope
    horizon horse hospital host hot hotel hour house hudson human hundred hungry hunt hurry
    hurt husband ice idea ideal ill image impact important inch include increase independent
    industrial industry infrastructure innovative inside insight instead integrated interactive
    interest international invent iron island item jack jacket james jet job john join journey
    joy judge juice jump jupiter just keep key kid kill kind king kiss kitchen knee knife
    knight knock know lady lake lamp land language large last late laugh law lay lazy lead leaf
    learn least leather leave left leg legacy less lesson let letter level liberty lie life
    lift light like limit lincoln line link lion lip liquid list listen little live local lock
    lodging logic lone long look lose lost lot loud love low lucky lunch machine mad magic mail
    main major make male man manager many map maple marathon marine mark market marry marvel
    mass master match matrix matter may meal mean measure meat medical meet member memory merit
    message metal metro micro mid middle midwest might milk mill mind minute miss mission
    mistake mix model modern moment monarch money monkey monster month moon more morning most
    mother motor mountain mouth move much mud music must name narrow nation national natural
    navigator near neck need needle neighbor neither nest net network never new news next night
    nine noble noise none nor north northern northwest nose note nothing notice nova now number
    nurse oak object ocean offer office often oil old olympic omega once one only open optimum
    oracle orange order orion other out outside over own pacific packaging page pain paint pair
    palm paper paramount parent park part partner party pass past path patriot pay peace peak
    pen pencil penn people pepper perfect performance period person pet phoenix phone photo
    piano pick picture piece pig pilgrim pin pine pink pinnacle pioneer pipe place plain plan
    plane planet plant plastic plate play plaza please plenty pocket point poison police polite
    pool poor popular position possible post pot potato pound pour powder power practice
    premier prepare present press prestige pretty price prime principal print prison prize pro
    problem produce program progressive promise proper prospect protect proud provide
    providence prudential public pull pump punish pupil pure purple purpose push put quality
    queen quest question quick quiet quite rabbit race radio rail rain raise range ranger rare
    rate reach read ready real realty reason receive record red reduce regal regency regional
    regions relax reliance remember remove rent repair repeat reply report republic resource
    resources rest result return rice rich ride ridge right ring rise river road rock rocky
    roll roof room root rope rose round row royal rule run sad safe safety sail saint salad
    sale salt same sand santa saturn save say scale school science scientific score screen sea
    season seat second secret secure security see seed seem select sell send sense sentence
    sentinel separate serve service set settle seven several shade shadow shake shame shape
    share sharp sheep sheet shelf shell shield shine ship shirt shoe shoot shop short should
    shoulder shout show shut sick side sierra sign signal silence silk silver simple since sing
    single sister sit six size skin skirt sky sleep slide slip slow small smart smell smile
    smoke snake snap snow soap social sock soft soil solar soldier solid some son song soon
    sorry sort soul sound soup sour south southern southwest sovereign space speak special
    speed spell spend spirit spoon sport spot spring square stage stair stamp stand standard
    star start state station stay steel step sterling stick still stomach stone stop store
    storm story straight strange strategic stream street stretch strike string strong student
    study stupid subject succeed success such sudden sugar suit summer summit sun sunrise
    superior supply support suppose supreme sure surprise sweet swim switch system systems
    table tail take talk tall tandem target taste tax tea teach team tear technology telephone
    tell ten tent test texas than thank that thick thin thing think third thirsty those though
    thought thousand threat three through throw thunder ticket tie tiger till time tin tiny
    tire titan title today together tomorrow tongue tonight tool tooth top total touch toward
    tower town toy track tractor trade traffic train trans trap travel travelers treasure treat
    tree tri trick trinity trip triumph trouble truck true trust try tube turn twice twin two
    type ugly uncle under understand union unique united unity universal until up upper urban
    use useful usual vacation valley value vanguard vantage vector venture victory viking
    village visa vision visit vista vital voice vote voyager wait wake walk wall want war warm
    wash waste watch water waters wave way weak wealth wear weather wedding week weight welcome
    well west western wet what wheel when where which while whisper white whole why wide wife
    wild will win wind window windsor wine winter wire wise wish with within without wolf woman
    wonder wood wool word work world worry worse worth would write wrong xpress yard yellow yes
    yesterday yet york you young youth zenith zero zion zone
    ups downs van mess ham hug pal pat rid sap ash ape con kin lag eve sis cop unit dis nov
    jun gas sun ice dog fun hog lab mat mud net nut oak pen pit pot rag ram rat rug sad sky
    spy tap tip toy tub web wig yes
    """.split()  # noqa: SIM905 - a word list reads best as text
)


@cache
def _engine_words() -> frozenset[str]:
    """Every word of a phrase the engine reads as a keyword ('never', 'latest', 'per')."""
    return frozenset(w for phrase in KEYWORDS for w in phrase.lower().split()) | STOP_WORDS


def ordinary(word: str) -> bool:
    """An everyday word (or one the engine reads itself), not a name by itself."""
    w = word.lower()
    if w in COMMON_WORDS or w in _engine_words():
        return True
    # 'cars', 'keys', 'cops': the plural of an everyday word is one too
    return len(w) > 3 and w.endswith("s") and (w[:-1] in COMMON_WORDS or w[:-1] in _engine_words())
