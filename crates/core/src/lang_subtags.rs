//! Primary language subtags registered in the IANA Language Subtag Registry
//! (File-Date 2025-08-25; every record with `Type: language`, lower case).
//!
//! Generated from the registry, not hand-edited: one string of 2-letter codes and one of
//! 3-letter codes, each sorted. The binary carries neither string: each becomes, at
//! compile time, a set with one bit per possible code (26² and 26³ bits: 2.3 KB instead
//! of the lists' 25 KB), so a lookup is one bit test, without allocation. The private-use
//! range `qaa..qtz` is a range record and is handled in code.

const TWO_LETTER: &str = concat!(
    "aaabaeafakamanarasavayazbabebgbhbibmbnbobrbscacechcocrcscucvcydadedvdzeeeleneoeseteufafffifjfofr",
    "fygagdglgngugvhahehihohrhthuhyhziaidieigiiikinioisitiuiwjajijvjwkakgkikjkkklkmknkokrkskukvkwkyla",
    "lblglilnloltlulvmgmhmimkmlmnmomrmsmtmynanbndnengnlnnnonrnvnyocojomorospapiplpsptqurmrnrorurwsasc",
    "sdsesgshsiskslsmsnsosqsrssstsusvswtatetgthtitktltntotrtstttwtyugukuruzvevivowawoxhyiyozazhzu",
);

const THREE_LETTER: &str = concat!(
    "aaaaabaacaadaaeaafaagaahaaiaakaalaamaanaaoaapaaqaasaataauaavaawaaxaazabaabbabcabdabeabfabgabhabi",
    "abjablabmabnaboabpabqabrabsabtabuabvabwabxabyabzacaacbacdaceacfachaciackaclacmacnacpacqacracsact",
    "acuacvacwacxacyaczadaadbaddadeadfadgadhadiadjadladnadoadpadqadradsadtaduadwadxadyadzaeaaebaecaed",
    "aeeaekaelaemaenaeqaeraesaeuaewaeyaezafaafbafdafeafgafhafiafkafnafoafpafsaftafuafzagaagbagcagdage",
    "agfaggaghagiagjagkaglagmagnagoagpagqagragsagtaguagvagwagxagyagzahaahbahgahhahiahkahlahmahnahoahp",
    "ahrahsahtaiaaibaicaidaieaifaigaihaiiaijaikailaimainaioaipaiqairaisaitaiwaixaiyajaajgajiajnajpajs",
    "ajtajuajwajzakbakcakdakeakfakgakhakiakjakkaklakmakoakpakqakraksaktakuakvakwakxakyakzalaalcaldale",
    "alfalgalhalialjalkallalmalnaloalpalqalralsaltalualvalwalxalyalzamaambamcameamfamgamiamjamkamlamm",
    "amnamoampamqamramsamtamuamvamwamxamyamzanaanbancandaneanfanganhanianjankanlanmannanoanpanqanrans",
    "antanuanvanwanxanyanzaoaaobaocaodaoeaofaogaohaoiaojaokaolaomaonaoraosaotaouaoxaozapaapbapcapdape",
    "apfapgaphapiapjapkaplapmapnapoappapqaprapsaptapuapvapwapxapyapzaqaaqcaqdaqgaqkaqlaqmaqnaqpaqraqt",
    "aqzarbarcardarearhariarjarkarlarnaroarparqarrarsartaruarvarwarxaryarzasaasbascasdaseasfasgashasi",
    "asjaskaslasnasoaspasqasrassastasuasvaswasxasyaszataatbatcatdateatgathatiatjatkatlatmatnatoatpatq",
    "atratsattatuatvatwatxatyatzauaaubaucaudaueaufaugauhauiaujaukaulaumaunauoaupauqaurausautauuauwaux",
    "auyauzavbavdaviavkavlavmavnavoavsavtavuavvawaawbawcawdaweawgawhawiawkawmawnawoawrawsawtawuawvaww",
    "awxawyaxbaxeaxgaxkaxlaxmaxxayaaybaycaydayeaygayhayiaykaylaynayoaypayqayraysaytayuayxayyayzazaazb",
    "azcazdazgazjazmaznazoaztazzbaababbacbadbaebafbagbahbaibajbalbanbaobapbarbasbatbaubavbawbaxbaybaz",
    "bbabbbbbcbbdbbebbfbbgbbhbbibbjbbkbblbbmbbnbbobbpbbqbbrbbsbbtbbubbvbbwbbxbbybbzbcabcbbccbcdbcebcf",
    "bcgbchbcibcjbckbclbcmbcnbcobcpbcqbcrbcsbctbcubcvbcwbcybczbdabdbbdcbddbdebdfbdgbdhbdibdjbdkbdlbdm",
    "bdnbdobdpbdqbdrbdsbdtbdubdvbdwbdxbdybdzbeabebbecbedbeebefbegbehbeibejbekbembeobepbeqberbesbetbeu",
    "bevbewbexbeybezbfabfbbfcbfdbfebffbfgbfhbfibfjbfkbflbfmbfnbfobfpbfqbfrbfsbftbfubfwbfxbfybfzbgabgb",
    "bgcbgdbgebgfbggbgibgjbgkbglbgmbgnbgobgpbgqbgrbgsbgtbgubgvbgwbgxbgybgzbhabhbbhcbhdbhebhfbhgbhhbhi",
    "bhjbhkbhlbhmbhnbhobhpbhqbhrbhsbhtbhubhvbhwbhxbhybhzbiabibbicbidbiebifbigbijbikbilbimbinbiobipbiq",
    "birbitbiubivbiwbixbiybizbjabjbbjcbjdbjebjfbjgbjhbjibjjbjkbjlbjmbjnbjobjpbjqbjrbjsbjtbjubjvbjwbjx",
    "bjybjzbkabkbbkcbkdbkfbkgbkhbkibkjbkkbklbkmbknbkobkpbkqbkrbksbktbkubkvbkwbkxbkybkzblablbblcbldble",
    "blfblgblhblibljblkbllblmblnbloblpblqblrblsbltblvblwblxblyblzbmabmbbmcbmdbmebmfbmgbmhbmibmjbmkbml",
    "bmmbmnbmobmpbmqbmrbmsbmtbmubmvbmwbmxbmybmzbnabnbbncbndbnebnfbngbnibnjbnkbnlbnmbnnbnobnpbnqbnrbns",
    "bntbnubnvbnwbnxbnybnzboabobboebofbogbohboibojbokbolbombonboobopboqborbotboubovbowboxboybozbpabpb",
    "bpcbpdbpebpgbphbpibpjbpkbplbpmbpnbpobppbpqbprbpsbptbpubpvbpwbpxbpybpzbqabqbbqcbqdbqfbqgbqhbqibqj",
    "bqkbqlbqmbqnbqobqpbqqbqrbqsbqtbqubqvbqwbqxbqybqzbrabrbbrcbrdbrfbrgbrhbribrjbrkbrlbrmbrnbrobrpbrq",
    "brrbrsbrtbrubrvbrwbrxbrybrzbsabsbbscbsebsfbsgbshbsibsjbskbslbsmbsnbsobspbsqbsrbssbstbsubsvbswbsx",
    "bsybtabtbbtcbtdbtebtfbtgbthbtibtjbtkbtlbtmbtnbtobtpbtqbtrbtsbttbtubtvbtwbtxbtybtzbuabubbucbudbue",
    "bufbugbuhbuibujbukbumbunbuobupbuqbusbutbuubuvbuwbuxbuybuzbvabvbbvcbvdbvebvfbvgbvhbvibvjbvkbvlbvm",
    "bvnbvobvpbvqbvrbvtbvubvvbvwbvxbvybvzbwabwbbwcbwdbwebwfbwgbwhbwibwjbwkbwlbwmbwnbwobwpbwqbwrbwsbwt",
    "bwubwwbwxbwybwzbxabxbbxcbxdbxebxfbxgbxhbxibxjbxkbxlbxmbxnbxobxpbxqbxrbxsbxubxvbxwbxxbxzbyabybbyc",
    "bydbyebyfbygbyhbyibyjbykbylbymbynbyobypbyqbyrbysbytbyvbywbyxbyybyzbzabzbbzcbzdbzebzfbzgbzhbzibzj",
    "bzkbzlbzmbznbzobzpbzqbzrbzsbztbzubzvbzwbzxbzybzzcaacabcaccadcaecafcagcahcaicajcakcalcamcancaocap",
    "caqcarcascaucavcawcaxcaycazcbacbbcbccbdcbecbgcbhcbicbjcbkcblcbncbocbqcbrcbscbtcbucbvcbwcbyccaccc",
    "ccdcceccgcchccjcclccmccnccoccpccqccrccscdacdccddcdecdfcdgcdhcdicdjcdmcdncdocdrcdscdycdzceacebceg",
    "cekcelcencetceycfacfdcfgcfmcgacgccggcgkchbchcchdchfchgchhchjchkchlchmchnchochpchqchrchtchwchxchy",
    "chzciacibciccidciecihcikcimcincipcirciwciycjacjecjhcjicjkcjmcjncjocjpcjrcjscjvcjyckackbckhcklckm",
    "cknckockqckrckscktckuckvckxckyckzclaclccldcleclhclicljclkcllclmcloclscltcluclwclycmacmccmecmgcmi",
    "cmkcmlcmmcmncmocmrcmscmtcnacnbcnccngcnhcnicnkcnlcnocnpcnqcnrcnscntcnucnwcnxcoacobcoccodcoecofcog",
    "cohcojcokcolcomconcoocopcoqcotcoucovcowcoxcoycozcpacpbcpccpecpfcpgcpicpncpocppcpscpucpxcpycqdcqu",
    "cracrbcrccrdcrfcrgcrhcricrjcrkcrlcrmcrncrocrpcrqcrrcrscrtcrvcrwcrxcrycrzcsacsbcsccsdcsecsfcsgcsh",
    "csicsjcskcslcsmcsncsocspcsqcsrcsscstcsucsvcswcsxcsycszctactcctdctectgcthctlctmctnctoctpctscttctu",
    "ctyctzcuacubcuccugcuhcuicujcukculcumcuocupcuqcurcuscutcuucuvcuwcuxcuycvgcvncwacwbcwdcwecwgcwtcxh",
    "cyacybcyoczhczkcznczocztdaadacdaddaedafdagdahdaidajdakdaldamdaodapdaqdardasdaudavdawdaxdaydazdba",
    "dbbdbddbedbfdbgdbidbjdbldbmdbndbodbpdbqdbrdbtdbudbvdbwdbydccdcrddadddddeddgddiddjddnddoddrddsddw",
    "decdeddeedefdegdehdeidekdeldemdendepdeqderdesdevdezdgadgbdgcdgddgedggdghdgidgkdgldgndgodgrdgsdgt",
    "dgudgwdgxdgzdhadhddhgdhidhldhmdhndhodhrdhsdhudhvdhwdhxdiadibdicdiddifdigdihdiidijdikdildimdindio",
    "dipdiqdirdisditdiudiwdixdiydizdjadjbdjcdjddjedjfdjidjjdjkdjldjmdjndjodjrdjudjwdkadkgdkkdkldkrdks",
    "dkxdlgdlkdlmdlndmadmbdmcdmddmedmfdmgdmkdmldmmdmndmodmrdmsdmudmvdmwdmxdmydnadnddnedngdnidnjdnkdnn",
    "dnodnrdntdnudnvdnwdnydoadobdocdoedofdohdoidokdoldondoodopdoqdordosdotdovdowdoxdoydozdppdradrbdrc",
    "drddredrgdrhdridrldrndrodrqdrrdrsdrtdrudrwdrydsbdsedshdsidskdsldsndsodsqdszdtadtbdtddthdtidtkdtm",
    "dtndtodtpdtrdtsdttdtudtyduadubducdudduedufdugduhduidujdukduldumdunduodupduqdurdusduuduvduwduxduy",
    "duzdvadwadwkdwldwrdwsdwudwwdwydwzdyadybdyddygdyidymdyndyodyrdyudyydzadzddzedzgdzldzneaaebcebgebk",
    "eboebrebuecrecsecyeeeefaefeefiegaeglegmegoegxegyehsehueipeiteivejaekaekcekeekgekiekkeklekmekoekp",
    "ekrekyeleelhelielkelmeloelpeluelxemaembemeemgemiemkemmemnemoempemqemsemuemwemxemyemzenaenbencend",
    "enfenhenlenmennenoenqenrenuenvenwenxeotepieraergerherierkeroerrerserterweseesgeshesieskeslesmesn",
    "esoesqessesuesxesyetbetcethetnetoetretsettetuetxetzeudeuqeveevhevnewoexteyaeyoezaezefaafabfadfaf",
    "fagfahfaifajfakfalfamfanfapfarfatfaufaxfayfazfblfcsferffiffmfgrfiafiefiffilfipfirfitfiufiwfkkfkv",
    "flaflhflifllflnflrflyfmpfmufnbfngfnifodfoifomfonforfosfoxfpefqsfrcfrdfrkfrmfrofrpfrqfrrfrsfrtfse",
    "fslfssfubfucfudfuefuffuhfuifujfumfunfuqfurfutfuufuvfuyfvrfwafwegaagabgacgadgaegafgaggahgaigajgak",
    "galgamgangaogapgaqgargasgatgaugavgawgaxgaygazgbagbbgbcgbdgbegbfgbggbhgbigbjgbkgblgbmgbngbogbpgbq",
    "gbrgbsgbugbvgbwgbxgbygbzgccgcdgcegcfgclgcngcrgctgdagdbgdcgddgdegdfgdggdhgdigdjgdkgdlgdmgdngdogdq",
    "gdrgdsgdtgdugdxgeagebgecgedgefgeggehgeigejgekgelgemgeqgesgevgewgexgeygezgfkgftgfxggaggbggdggeggg",
    "ggkgglggnggoggrggtgguggwghaghcgheghhghkghlghnghoghrghsghtgiagibgicgidgiegiggihgiigilgimgingiogip",
    "giqgirgisgitgiugiwgixgiygizgjigjkgjmgjngjrgjugkagkdgkegkngkogkpgkuglbglcgldglhgligljglkgllgloglr",
    "gluglwglygmagmbgmdgmegmggmhgmlgmmgmngmqgmrgmugmvgmwgmxgmygmzgnagnbgncgndgnegnggnhgnignjgnkgnlgnm",
    "gnngnognqgnrgntgnugnwgnzgoagobgocgodgoegofgoggohgoigojgokgolgomgongoogopgoqgorgosgotgougovgowgox",
    "goygozgpagpegpngqagqigqngqrgqugragrbgrcgrdgrggrhgrigrjgrkgrmgrogrqgrrgrsgrtgrugrvgrwgrxgrygrzgse",
    "gsggslgsmgsngsogspgssgswgtagtigtuguagubgucgudguegufgugguhguigukgulgumgunguogupguqgurgusgutguuguv",
    "guwguxguzgvagvcgvegvfgvjgvlgvmgvngvogvpgvrgvsgvygwagwbgwcgwdgwegwfgwggwigwjgwmgwngwrgwtgwugwwgwx",
    "gxxgyagybgydgyegyfgyggyigylgymgyngyogyrgyygyzgzagzigznhaahabhachadhaehafhaghahhaihajhakhalhamhan",
    "haohaphaqharhashavhawhaxhayhazhbahbbhbnhbohbuhcahchhdnhdshdyheahedheghehheihemhgmhgwhhihhrhhyhia",
    "hibhidhifhighihhiihijhikhilhimhiohirhithiwhixhjihkahkehkhhkkhknhkshlahlbhldhlehlthluhmahmbhmchmd",
    "hmehmfhmghmhhmihmjhmkhmlhmmhmnhmphmqhmrhmshmthmuhmvhmwhmxhmyhmzhnahndhnehnghnhhnihnjhnmhnnhnohns",
    "hnuhoahobhochodhoehohhoihojhokholhomhoohophorhoshothovhowhoyhozhpohpshrahrchrehrkhrmhrohrphrrhrt",
    "hruhrwhrxhrzhsbhshhslhsnhsshtihtohtshtuhtxhubhuchudhuehufhughuhhuihujhukhulhumhuohuphuqhurhushut",
    "huuhuvhuwhuxhuyhuzhvchvehvkhvnhvvhwahwchwohyahywhyxiaiianiapiaribaibbibdibeibgibhibiiblibmibnibr",
    "ibuibyicaichiclicridaidbidciddideidiidridsidtiduifaifbifeiffifkifmifuifyigbigeiggigligmignigoigs",
    "igwihbihiihpihwiiniirijcijeijjijnijoijsikeikhikiikkiklikoikpikriksiktikvikwikxikzilailbilgiliilk",
    "illilmiloilpilsiluilvilwimaimeimiimlimnimoimrimsimtimyinbincineinginhinjinlinminninoinpinsintinz",
    "ioriouiowipiipoiquiqwiraireirhiriirkirniroirriruirxiryisaiscisdiseisgishisiiskismisnisoisristisu",
    "isvitbitcitditeitiitkitlitmitoitritsittitvitwitxityitziumivbivviwkiwmiwoiwsixcixliyaiyoiyxizhizi",
    "izmizrizzjaajabjacjadjaejafjahjajjakjaljamjanjaojaqjarjasjatjaujaxjayjazjbejbijbjjbkjbmjbnjbojbr",
    "jbtjbujbwjcsjctjdajdgjdtjebjeejegjehjeijekjeljenjerjetjeujgbjgejgkjgojhijhsjiajibjicjidjiejigjih",
    "jiijiljimjiojiqjitjiujivjiyjjejjrjkajkmjkojkpjkrjksjkujlejlsjmajmbjmcjmdjmijmljmnjmrjmsjmwjmxjna",
    "jndjngjnijnjjnljnsjobjodjogjorjosjowjpajprjpxjqrjrajrbjrrjrtjrujsljuajubjucjudjuhjuijukjuljumjun",
    "juojupjurjusjutjuujuwjuyjvdjvnjwijyajyejyykaakabkackadkaekafkagkahkaikajkakkamkaokapkaqkarkavkaw",
    "kaxkaykbakbbkbckbdkbekbfkbgkbhkbikbjkbkkblkbmkbnkbokbpkbqkbrkbskbtkbukbvkbwkbxkbykbzkcakcbkcckcd",
    "kcekcfkcgkchkcikcjkckkclkcmkcnkcokcpkcqkcrkcskctkcukcvkcwkcxkcykczkdakdckddkdekdfkdgkdhkdikdjkdk",
    "kdlkdmkdnkdokdpkdqkdrkdtkdukdvkdwkdxkdykdzkeakebkeckedkeekefkegkehkeikejkekkelkemkenkeokepkeqker",
    "kesketkeukevkewkexkeykezkfakfbkfckfdkfekffkfgkfhkfikfjkfkkflkfmkfnkfokfpkfqkfrkfskftkfukfvkfwkfx",
    "kfykfzkgakgbkgckgdkgekgfkggkghkgikgjkgkkglkgmkgnkgokgpkgqkgrkgskgtkgukgvkgwkgxkgykhakhbkhckhdkhe",
    "khfkhgkhhkhikhjkhkkhlkhnkhokhpkhqkhrkhskhtkhukhvkhwkhxkhykhzkiakibkickidkiekifkigkihkiikijkilkim",
    "kiokipkiqkiskitkiukivkiwkixkiykizkjakjbkjckjdkjekjfkjgkjhkjikjjkjkkjlkjmkjnkjokjpkjqkjrkjskjtkju",
    "kjvkjxkjykjzkkakkbkkckkdkkekkfkkgkkhkkikkjkkkkklkkmkknkkokkpkkqkkrkkskktkkukkvkkwkkxkkykkzklaklb",
    "klckldkleklfklgklhklikljklkkllklmklnkloklpklqklrklskltkluklvklwklxklyklzkmakmbkmckmdkmekmfkmgkmh",
    "kmikmjkmkkmlkmmkmnkmokmpkmqkmrkmskmtkmukmvkmwkmxkmykmzknaknbknckndkneknfkngkniknjknkknlknmknnkno",
    "knpknqknrknskntknuknvknwknxknyknzkoakockodkoekofkogkohkoikojkokkolkookopkoqkoskotkoukovkowkoxkoy",
    "kozkpakpbkpckpdkpekpfkpgkphkpikpjkpkkplkpmkpnkpokppkpqkprkpskptkpukpvkpwkpxkpykpzkqakqbkqckqdkqe",
    "kqfkqgkqhkqikqjkqkkqlkqmkqnkqokqpkqqkqrkqskqtkqukqvkqwkqxkqykqzkrakrbkrckrdkrekrfkrhkrikrjkrkkrl",
    "krmkrnkrokrpkrrkrskrtkrukrvkrwkrxkrykrzksaksbkscksdkseksfksgkshksiksjkskkslksmksnksokspksqksrkss",
    "kstksuksvkswksxksykszktaktbktcktdktektfktgkthktiktjktkktlktmktnktoktpktqktrktskttktuktvktwktxkty",
    "ktzkubkuckudkuekufkugkuhkuikujkukkulkumkunkuokupkuqkuskutkuukuvkuwkuxkuykuzkvakvbkvckvdkvekvfkvg",
    "kvhkvikvjkvkkvlkvmkvnkvokvpkvqkvrkvskvtkvukvvkvwkvxkvykvzkwakwbkwckwdkwekwfkwgkwhkwikwjkwkkwlkwm",
    "kwnkwokwpkwqkwrkwskwtkwukwvkwwkwxkwykwzkxakxbkxckxdkxekxfkxhkxikxjkxkkxlkxmkxnkxokxpkxqkxrkxskxt",
    "kxukxvkxwkxxkxykxzkyakybkyckydkyekyfkygkyhkyikyjkykkylkymkynkyokypkyqkyrkyskytkyukyvkywkyxkyykyz",
    "kzakzbkzckzdkzekzfkzgkzhkzikzjkzkkzlkzmkznkzokzpkzqkzrkzskztkzukzvkzwkzxkzykzzlaalablacladlaelaf",
    "laglahlailajlaklallamlanlaplaqlarlaslaulawlaxlaylazlbalbblbclbelbflbglbilbjlbklbllbmlbnlbolbqlbr",
    "lbslbtlbulbvlbwlbxlbylbzlcclcdlcelcflchlcllcmlcplcqlcsldaldblddldgldhldildjldkldlldmldnldoldpldq",
    "lealeblecledleelefleglehleilejleklellemlenleolepleqlerlesletleulevlewlexleylezlfalfnlgalgblgglgh",
    "lgilgklgllgmlgnlgolgqlgrlgslgtlgulgzlhalhhlhilhllhmlhnlhplhslhtlhulialibliclidlielifliglihliilij",
    "liklilliolipliqlirlisliulivliwlixliylizljaljeljiljlljpljwljxlkalkblkclkdlkelkhlkilkjlkllkmlknlko",
    "lkrlkslktlkulkyllallbllclldllellfllgllhllilljllklllllmllnllollpllqllsllullxlmalmblmclmdlmelmflmg",
    "lmhlmilmjlmklmllmmlmnlmolmplmqlmrlmulmvlmwlmxlmylmzlnalnblndlnglnhlnilnjlnllnmlnnlnolnslnulnwlnz",
    "loaloblocloelofloglohloilojloklollomlonlooloploqlorloslotloulovlowloxloylozlpalpelpnlpolpxlqrlra",
    "lrclrelrglrilrklrllrmlrnlrolrrlrtlrvlrzlsalsblsclsdlselsglshlsilsllsmlsnlsolsplsrlsslstlsvlswlsy",
    "ltcltglthltiltnltoltsltulualucludluelufluhluilujluklullumlunluolupluqlurluslutluuluvluwluyluzlva",
    "lvilvklvllvslvulwalwelwglwhlwllwmlwolwslwtlwulwwlxmlyalyglynlzhlzllznlzzmaamabmadmaemafmagmaimaj",
    "makmammanmapmaqmasmatmaumavmawmaxmazmbambbmbcmbdmbembfmbhmbimbjmbkmblmbmmbnmbombpmbqmbrmbsmbtmbu",
    "mbvmbwmbxmbymbzmcamcbmccmcdmcemcfmcgmchmcimcjmckmclmcmmcnmcomcpmcqmcrmcsmctmcumcvmcwmcxmcymczmda",
    "mdbmdcmddmdemdfmdgmdhmdimdjmdkmdlmdmmdnmdpmdqmdrmdsmdtmdumdvmdwmdxmdymdzmeamebmecmedmeemefmegmeh",
    "meimejmekmelmemmenmeomepmeqmermesmetmeumevmewmeymezmfamfbmfcmfdmfemffmfgmfhmfimfjmfkmflmfmmfnmfo",
    "mfpmfqmfrmfsmftmfumfvmfwmfxmfymfzmgamgbmgcmgdmgemgfmggmghmgimgjmgkmglmgmmgnmgomgpmgqmgrmgsmgtmgu",
    "mgvmgwmgxmgymgzmhamhbmhcmhdmhemhfmhgmhhmhimhjmhkmhlmhmmhnmhomhpmhqmhrmhsmhtmhumhwmhxmhymhzmiamib",
    "micmidmiemifmigmihmiimijmikmilmimminmiomipmiqmirmismitmiumiwmixmiymizmjamjbmjcmjdmjemjgmjhmjimjj",
    "mjkmjlmjmmjnmjomjpmjqmjrmjsmjtmjumjvmjwmjxmjymjzmkamkbmkcmkemkfmkgmkhmkimkjmkkmklmkmmknmkomkpmkq",
    "mkrmksmktmkumkvmkwmkxmkymkzmlamlbmlcmldmlemlfmlhmlimljmlkmllmlmmlnmlomlpmlqmlrmlsmlumlvmlwmlxmlz",
    "mmammbmmcmmdmmemmfmmgmmhmmimmjmmkmmlmmmmmnmmommpmmqmmrmmtmmummvmmwmmxmmymmzmnamnbmncmndmnemnfmng",
    "mnhmnimnjmnkmnlmnmmnnmnomnpmnqmnrmnsmntmnumnvmnwmnxmnymnzmoamocmodmoemofmogmohmoimojmokmommoomop",
    "moqmormosmotmoumovmowmoxmoymozmpampbmpcmpdmpempgmphmpimpjmpkmplmpmmpnmpomppmpqmprmpsmptmpumpvmpw",
    "mpxmpympzmqamqbmqcmqemqfmqgmqhmqimqjmqkmqlmqmmqnmqomqpmqqmqrmqsmqtmqumqvmqwmqxmqymqzmramrbmrcmrd",
    "mremrfmrgmrhmrjmrkmrlmrmmrnmromrpmrqmrrmrsmrtmrumrvmrwmrxmrymrzmsbmscmsdmsemsfmsgmshmsimsjmskmsl",
    "msmmsnmsomspmsqmsrmssmstmsumsvmswmsxmsymszmtamtbmtcmtdmtemtfmtgmthmtimtjmtkmtlmtmmtnmtomtpmtqmtr",
    "mtsmttmtumtvmtwmtxmtymuamubmucmudmuemugmuhmuimujmukmulmummunmuomupmuqmurmusmutmuumuvmuxmuymuzmva",
    "mvbmvdmvemvfmvgmvhmvimvkmvlmvmmvnmvomvpmvqmvrmvsmvtmvumvvmvwmvxmvymvzmwamwbmwcmwdmwemwfmwgmwhmwi",
    "mwjmwkmwlmwmmwnmwomwpmwqmwrmwsmwtmwumwvmwwmwxmwymwzmxamxbmxcmxdmxemxfmxgmxhmximxjmxkmxlmxmmxnmxo",
    "mxpmxqmxrmxsmxtmxumxvmxwmxxmxymxzmybmycmydmyemyfmygmyhmyimyjmykmylmymmynmyomypmyqmyrmysmytmyumyv",
    "mywmyxmyymyzmzamzbmzcmzdmzemzgmzhmzimzjmzkmzlmzmmznmzomzpmzqmzrmzsmztmzumzvmzwmzxmzymzznaanabnac",
    "nadnaenafnagnahnainajnaknalnamnannaonapnaqnarnasnatnawnaxnaynaznbanbbnbcnbdnbenbfnbgnbhnbinbjnbk",
    "nbmnbnnbonbpnbqnbrnbsnbtnbunbvnbwnbxnbyncancbnccncdncencfncgnchncincjncknclncmncnnconcpncqncrncs",
    "nctncuncxnczndandbndcnddndfndgndhndindjndkndlndmndnndpndqndrndsndtndundvndwndxndyndzneanebnecned",
    "neenefnegnehneinejneknemnenneoneqnernesnetneunevnewnexneyneznfanfdnflnfrnfungangbngcngdngengfngg",
    "nghngingjngknglngmngnngongpngqngrngsngtngungvngwngxngyngznhanhbnhcnhdnhenhfnhgnhhnhinhknhmnhnnho",
    "nhpnhqnhrnhtnhunhvnhwnhxnhynhznianibnicnidnienifnignihniinijniknilnimninnioniqnirnisnitniunivniw",
    "nixniyniznjanjbnjdnjhnjinjjnjlnjmnjnnjonjrnjsnjtnjunjxnjynjznkankbnkcnkdnkenkfnkgnkhnkinkjnkknkm",
    "nknnkonkpnkqnkrnksnktnkunkvnkwnkxnkznlanlcnlenlgnlinljnlknllnlmnlnnlonlqnlrnlunlvnlwnlxnlynlznma",
    "nmbnmcnmdnmenmfnmgnmhnminmjnmknmlnmmnmnnmonmpnmqnmrnmsnmtnmunmvnmwnmxnmynmznnannbnncnndnnennfnng",
    "nnhnninnjnnknnlnnmnnnnnpnnqnnrnnsnntnnunnvnnwnnxnnynnznoanocnodnoenofnognohnoinojnoknolnomnonnoo",
    "nopnoqnosnotnounovnownoynoznpanpbnpgnphnpinplnpnnponpsnpunpxnpynqgnqknqlnqmnqnnqonqqnqtnqynranrb",
    "nrcnrenrfnrgnrinrknrlnrmnrnnrpnrrnrtnrunrxnrznsansbnscnsdnsensfnsgnshnsinsknslnsmnsnnsonspnsqnsr",
    "nssnstnsunsvnswnsxnsynszntdntentgntintjntkntmntontpntrntsntuntwntxntyntznuanubnucnudnuenufnugnuh",
    "nuinujnuknulnumnunnuonupnuqnurnusnutnuunuvnuwnuxnuynuznvhnvmnvonwanwbnwcnwenwgnwinwmnwonwrnwwnwx",
    "nwynxanxdnxenxgnxinxknxlnxmnxnnxonxqnxrnxunxxnybnycnydnyenyfnygnyhnyinyjnyknylnymnynnyonypnyqnyr",
    "nysnytnyunyvnywnyxnyynzanzbnzdnzinzknzmnzrnzsnzunzynzzoaaoacoakoaroavobiobkoblobmoboobrobtobuoca",
    "ochocmocoocuodaodkodtoduofoofsofuogbogcogeoggogooguohtohuoiaoieoinojbojcojgojpojsojvojwokaokbokc",
    "okdokeokgokhokiokjokkoklokmoknokookroksokuokvokxokzolaoldoleolkolmoloolroltoluomaombomcomeomgomi",
    "omkomlomnomoompomqomromtomuomvomwomxomyonaonboneongonionjonkonnonoonponronsontonuonwonxoodoogoon",
    "ooroosopaopkopmopooptopyoraorcoreorgorhornoroorrorsortoruorvorworxoryorzosaoscosiosnosoospostosu",
    "osxotaotbotdoteotiotkotlotmotnotootqotrotsottotuotwotxotyotzouaouboueouioumounovdowiowloyboydoym",
    "oyyozmpaapabpacpadpaepafpagpahpaipakpalpampaopappaqparpaspatpaupavpawpaxpaypazpbbpbcpbepbfpbgpbh",
    "pbipblpbmpbnpbopbppbrpbspbtpbupbvpbypbzpcapcbpccpcdpcepcfpcgpchpcipcjpckpclpcmpcnpcppcrpcwpdapdc",
    "pdipdnpdopdtpdupeapebpedpeepefpegpehpeipejpekpelpempeopeppeqpespevpexpeypezpfapfepflpgapgdpggpgi",
    "pgkpglpgnpgspgupgypgzphaphdphgphhphiphjphkphlphmphnphophqphrphtphuphvphwpiapibpicpidpiepifpigpih",
    "piipijpilpimpinpiopippirpispitpiupivpiwpixpiypizpjtpkapkbpkcpkgpkhpknpkopkppkrpkspktpkuplaplbplc",
    "pldpleplfplgplhpljplkpllplnploplpplqplrplspltpluplvplwplyplzpmapmbpmcpmdpmepmfpmhpmipmjpmkpmlpmm",
    "pmnpmopmqpmrpmspmtpmupmwpmxpmypmzpnapnbpncpndpnepngpnhpnipnjpnkpnlpnmpnnpnopnppnqpnrpnspntpnupnv",
    "pnwpnxpnypnzpocpodpoepofpogpohpoipokpomponpoopoppoqpospotpovpowpoxpoypozppappeppippkpplppmppnppo",
    "pppppqpprppspptppupqapqepqmpqwpraprbprcprdpreprfprgprhpriprkprlprmprnproprpprqprrprsprtpruprwprx",
    "pryprzpsapscpsdpsepsgpshpsipslpsmpsnpsopsppsqpsrpsspstpsupswpsyptapthptiptnptoptpptqptrpttptuptv",
    "ptwptypuapubpucpudpuepufpugpuipujpukpumpuopuppuqpurputpuupuwpuxpuypuzpwapwbpwgpwipwmpwnpwopwrpww",
    "pxmpyepympynpyspyupyxpyypzepzhpznquaqubqucqudqufqugquhquiqukqulqumqunqupquqqurqusquvquwquxquyquz",
    "qvaqvcqveqvhqviqvjqvlqvmqvnqvoqvpqvsqvwqvyqvzqwaqwcqweqwhqwmqwsqwtqxaqxcqxhqxlqxnqxoqxpqxqqxrqxs",
    "qxtqxuqxwqyaqypraarabracradrafragrahrairajrakralramranraorapraqrarrasratrauravrawraxrayrazrbbrbk",
    "rblrbprcfrdbrearebreeregreirejrelremrenrerresretreyrgargergkrgnrgrrgsrgurhgrhpriaribrierifrilrim",
    "rinrirritriurjgrjirjsrkarkbrkhrkirkmrktrkwrmarmbrmcrmdrmermfrmgrmhrmirmkrmlrmmrmnrmormprmqrmrrms",
    "rmtrmurmvrmwrmxrmyrmzrnarnbrndrngrnlrnnrnprnrrnwroarobrocrodroerofrogrolromrooroprorrourowrpnrpt",
    "rrirrmrrorrtrsbrsirskrslrsmrsnrswrtcrthrtmrtsrtwrubrucruerufrugruhruirukruorupruqrutruuruyruzrwa",
    "rwkrwlrwmrworwrrxdrxwrynrysryurzhsaasabsacsadsaesafsahsaisajsaksalsamsaosapsaqsarsassatsausavsaw",
    "saxsaysazsbasbbsbcsbdsbesbfsbgsbhsbisbjsbksblsbmsbnsbosbpsbqsbrsbssbtsbusbvsbwsbxsbysbzscascbsce",
    "scfscgschsciscksclscnscoscpscqscssctscuscvscwscxsdasdbsdcsdesdfsdgsdhsdjsdksdlsdmsdnsdosdpsdqsdr",
    "sdssdtsdusdvsdxsdzseasebsecsedseesefsegsehseisejsekselsemsenseosepseqsersessetseusevsewseysezsfb",
    "sfesfmsfssfwsgasgbsgcsgdsgesggsghsgisgjsgksglsgmsgnsgosgpsgrsgssgtsgusgwsgxsgysgzshashbshcshdshe",
    "shgshhshishjshkshlshmshnshoshpshqshrshsshtshushvshwshxshyshzsiasibsidsiesifsigsihsiisijsiksilsim",
    "siosipsiqsirsissitsiusivsiwsixsiysizsjasjbsjcsjdsjesjgsjksjlsjmsjnsjosjpsjrsjssjtsjusjwskaskbskc",
    "skdskeskfskgskhskiskjskkskmsknskoskpskqskrskssktskuskvskwskxskyskzslaslcsldsleslfslgslhslisljsll",
    "slmslnslpslqslrslssltsluslwslxslyslzsmasmbsmcsmdsmfsmgsmhsmismjsmksmlsmmsmnsmpsmqsmrsmssmtsmusmv",
    "smwsmxsmysmzsnbsncsnesnfsngsnhsnisnjsnksnlsnmsnnsnosnpsnqsnrsnssnusnvsnwsnxsnysnzsoasobsocsodsoe",
    "sogsohsoisojsoksolsonsoosopsoqsorsossousovsowsoxsoysozspbspcspdspespgspispksplspmspnsposppspqspr",
    "spssptspuspvspxspysqasqhsqjsqksqmsqnsqosqqsqrsqssqtsqusqxsrasrbsrcsresrfsrgsrhsrisrksrlsrmsrnsro",
    "srqsrrsrssrtsrusrvsrwsrxsrysrzssassbsscssdssessfssgsshssissjssksslssmssnssosspssqssrssssstssussv",
    "ssxssysszstastbstdstestfstgsthstistjstkstlstmstnstostpstqstrstssttstustvstwstysuasubsucsuesugsui",
    "sujsuksulsumsuosuqsursussutsuvsuwsuxsuysuzsvasvbsvcsvesvksvmsvrsvssvxswbswcswfswgswhswiswjswkswl",
    "swmswnswoswpswqswrswsswtswuswvswwswxswysxbsxcsxesxgsxksxlsxmsxnsxosxrsxssxusxwsyasybsycsydsyisyk",
    "sylsymsynsyosyrsyssywsyxsyyszaszbszcszdszeszgszlsznszpszsszvszwszytaatabtactadtaetaftagtaitajtak",
    "taltantaotaptaqtartastautavtawtaxtaytaztbatbbtbctbdtbetbftbgtbhtbitbjtbktbltbmtbntbotbptbqtbrtbs",
    "tbttbutbvtbwtbxtbytbztcatcbtcctcdtcetcftcgtchtcitcktcltcmtcntcotcptcqtcstcttcutcwtcxtcytcztdatdb",
    "tdctddtdetdftdgtdhtditdjtdktdltdmtdntdotdqtdrtdstdttdutdvtdxtdyteatebtectedteeteftegtehteitektem",
    "tenteotepteqtertestetteutevtewtexteyteztfitfntfotfrtfttgatgbtgctgdtgetgftggtghtgitgjtgntgotgptgq",
    "tgrtgstgttgutgvtgwtgxtgytgzthcthdthethfthhthithkthlthmthnthpthqthrthsthtthuthvthwthxthythztiatic",
    "tidtietiftigtihtiitijtiktiltimtintiotiptiqtistittiutivtiwtixtiytiztjatjgtjitjjtjltjmtjntjotjptjs",
    "tjutjwtkatkbtkdtketkftkgtkktkltkmtkntkptkqtkrtkstkttkutkvtkwtkxtkztlatlbtlctldtlftlgtlhtlitljtlk",
    "tlltlmtlntlotlptlqtlrtlstlttlutlvtlwtlxtlytmatmbtmctmdtmetmftmgtmhtmitmjtmktmltmmtmntmotmptmqtmr",
    "tmstmttmutmvtmwtmytmztnatnbtnctndtnetnftngtnhtnitnktnltnmtnntnotnptnqtnrtnstnttnutnvtnwtnxtnytnz",
    "tobtoctodtoetoftogtohtoitojtoktoltomtootoptoqtortostoutovtowtoxtoytoztpatpctpetpftpgtpitpjtpktpl",
    "tpmtpntpotpptpqtprtpttputpvtpwtpxtpytpztqbtqltqmtqntqotqptqqtqrtqttqutqwtratrbtrctrdtretrftrgtrh",
    "tritrjtrktrltrmtrntrotrptrqtrrtrstrttrutrvtrwtrxtrytrztsatsbtsctsdtsetsftsgtshtsitsjtsktsltsmtsp",
    "tsqtsrtsststtsutsvtswtsxtsytszttattbttcttdttettfttgtthttittjttkttlttmttnttottpttqttrttstttttuttv",
    "ttwttyttztuatubtuctudtuetuftugtuhtuitujtultumtuntuotuptuqtustuttuutuvtuwtuxtuytuztvatvdtvetvitvk",
    "tvltvmtvntvotvstvttvutvwtvxtvytwatwbtwctwdtwetwftwgtwhtwltwmtwntwotwptwqtwrtwttwutwwtwxtwytxatxb",
    "txctxetxgtxhtxitxjtxmtxntxotxqtxrtxstxttxutxxtxytyatyetyhtyityjtyltyntyptyrtystyttyutyvtyxtyytyz",
    "tzatzhtzjtzltzmtzntzotzxuamuanuarubaubiublubrubuubyudaudeudgudiudjudludmuduuesufiugaugbugeughugn",
    "ugougyuhauhnuisuivujiukaukgukhukiukkuklukpukquksukuukvukwukyulaulbulculeulfuliulkullulmulnuluulw",
    "ulyumaumbumcumdumgumiummumnumoumpumrumsumuunaunduneunguniunkunmunnunpunrunuunxunzuokuonupiupvura",
    "urburcureurfurgurhuriurjurkurlurmurnurourpurrurturuurvurwurxuryurzusaushusiuskuspussusuutauteuth",
    "utputrutuuumuunuuruuuuveuvhuvluwauyauznuzsvaavaevafvagvahvaivajvalvamvanvaovapvarvasvauvavvayvbb",
    "vbkvecvedvelvemveovepvervgrvgtvicvidvifvigvilvinvisvitvivvjkvkavkivkjvkkvklvkmvknvkovkpvktvkuvkz",
    "vlpvlsvmavmbvmcvmdvmevmfvmgvmhvmivmjvmkvmlvmmvmpvmqvmrvmsvmuvmvvmwvmxvmyvmzvnkvnmvnpvorvotvravro",
    "vrsvrtvsivslvsnvsvvtovumvunvutvwawaawabwacwadwaewafwagwahwaiwajwakwalwamwanwaowapwaqwarwaswatwau",
    "wavwawwaxwaywazwbawbbwbewbfwbhwbiwbjwbkwblwbmwbpwbqwbrwbswbtwbvwbwwcawciwddwdgwdjwdkwdtwduwdywea",
    "wecwedwegwehweiwemwenweowepwerweswetweuwewwfgwgawgbwggwgiwgowguwgwwgywhawhgwhkwhuwibwicwiewifwig",
    "wihwiiwijwikwilwimwinwirwitwiuwivwiwwiywjawjiwkawkbwkdwklwkrwkuwkwwkywlawlcwlewlgwlhwliwlkwllwlm",
    "wlowlrwlswluwlvwlwwlxwlywmawmbwmcwmdwmewmgwmhwmiwmmwmnwmowmswmtwmwwmxwnbwncwndwnewngwniwnkwnmwnn",
    "wnownpwnuwnwwnywoawobwocwodwoewofwogwoiwokwomwonwooworwoswowwoywpcwrawrbwrdwrgwrhwriwrkwrlwrmwrn",
    "wrowrpwrrwrswruwrvwrwwrxwrywrzwsawsgwsiwskwsrwsswsuwsvwtbwtfwthwtiwtkwtmwtwwuawubwudwuhwulwumwun",
    "wurwutwuuwuvwuxwuywwawwbwwowwrwwwwxawxwwyawybwyiwymwynwyrwyyxaaxabxacxadxaexagxaixajxakxalxamxan",
    "xaoxapxaqxarxasxatxauxavxawxayxbaxbbxbcxbdxbexbgxbixbjxbmxbnxboxbpxbrxbwxbxxbyxcbxccxcexcgxchxcl",
    "xcmxcnxcoxcrxctxcuxcvxcwxcyxdaxdcxdkxdmxdoxdqxdyxebxedxegxelxemxepxerxesxetxeuxfaxgaxgbxgdxgfxgg",
    "xgixglxgmxgnxgrxguxgwxhaxhcxhdxhexhmxhrxhtxhuxhvxiaxibxiixilxinxipxirxisxivxiyxjbxjtxkaxkbxkcxkd",
    "xkexkfxkgxkhxkixkjxkkxklxknxkoxkpxkqxkrxksxktxkuxkvxkwxkxxkyxkzxlaxlbxlcxldxlexlgxlixlnxloxlpxls",
    "xluxlyxmaxmbxmcxmdxmexmfxmgxmhxmjxmkxmlxmmxmnxmoxmpxmqxmrxmsxmtxmuxmvxmwxmxxmyxmzxnaxnbxndxngxnh",
    "xnixnjxnkxnmxnnxnoxnqxnrxnsxntxnuxnyxnzxocxodxogxoixokxomxonxooxopxorxowxpaxpbxpcxpdxpexpfxpgxph",
    "xpixpjxpkxplxpmxpnxpoxppxpqxprxpsxptxpuxpvxpwxpxxpyxpzxqaxqtxraxrbxrdxrexrgxrixrmxrnxrqxrrxrtxru",
    "xrwxsaxsbxscxsdxsexshxsixsjxslxsmxsnxsoxspxsqxsrxssxsuxsvxsyxtaxtbxtcxtdxtextgxthxtixtjxtlxtmxtn",
    "xtoxtpxtqxtrxtsxttxtuxtvxtwxtyxtzxuaxubxudxugxujxulxumxunxuoxupxurxutxuuxvexvixvnxvoxvsxwaxwcxwd",
    "xwexwgxwjxwkxwlxwoxwrxwtxwwxxbxxkxxmxxrxxtxyaxybxyjxykxylxytxyyxzhxzmxzpyaayabyacyadyaeyafyagyah",
    "yaiyajyakyalyamyanyaoyapyaqyaryasyatyauyavyawyaxyayyazybaybbybdybeybhybiybjybkyblybmybnyboybxyby",
    "ychyclycnycpycrydayddydeydgydkydsyeayecyeeyeiyejyelyenyeryesyetyeuyevyeyygaygiyglygmygpygrygsygu",
    "ygwyhayhdyhlyhsyiayifyigyihyiiyijyikyilyimyinyipyiqyiryisyityiuyivyixyiyyizykaykgykhykiykkyklykm",
    "yknykoykryktykuykyylaylbyleylgyliyllylmylnyloylryluylyymaymbymcymdymeymgymhymiymkymlymmymnymoymp",
    "ymqymrymsymtymxymzynaynbyndyneyngynhynkynlynnynoynqynsynuyobyogyoiyokyolyomyonyosyotyoxyoyypaypb",
    "ypgyphypkypmypnypoyppypzyrayrbyreyriyrkyrlyrmyrnyroyrsyrwyryyscysdysgyslysmysnysoyspysryssysyyta",
    "ytlytpytwytyyuayubyucyudyueyufyugyuiyujyukyulyumyunyupyuqyuryutyuuyuwyuxyuyyuzyvayvtywaywgywlywn",
    "ywqywrywtywuywwyxayxgyxlyxmyxuyxyyyryyuyyzyzgyzkzaazabzaczadzaezafzagzahzaizajzakzalzamzaozapzaq",
    "zarzaszatzauzavzawzaxzayzazzbazbczbezblzbtzbuzbwzcazcdzchzdjzeazegzehzemzenzgazgbzghzgmzgnzgrzhb",
    "zhdzhizhnzhwzhxziazibzikzilzimzinzirziwzizzkazkbzkdzkgzkhzkkzknzkozkpzkrzktzkuzkvzkzzlazlezljzlm",
    "zlnzlqzlszluzlwzmazmbzmczmdzmezmfzmgzmhzmizmjzmkzmlzmmzmnzmozmpzmqzmrzmszmtzmuzmvzmwzmxzmyzmzzna",
    "zndznezngznkznszoczohzomzoozoqzorzoszpazpbzpczpdzpezpfzpgzphzpizpjzpkzplzpmzpnzpozppzpqzprzpszpt",
    "zpuzpvzpwzpxzpyzpzzqezrazrgzrnzrozrpzrszsazskzslzsmzsrzsuzteztgztlztmztnztpztqztszttztuztxztyzua",
    "zuhzumzunzuyzwazxxzybzygzyjzynzypzzazzj",
);

/// Whether `lang` (a `lang` attribute value) starts with a primary language subtag that the
/// IANA registry knows, which is what the ACT rules call a *valid language tag*. Only the
/// primary subtag is checked: `en-US-GB` is valid for ACT, `eng` (ISO 639-2, not in the
/// registry because `en` exists) and `i-lux` (grandfathered) are not.
pub fn has_valid_primary_subtag(lang: &str) -> bool {
    let primary = lang
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .split('-')
        .next()
        .unwrap_or("");
    is_registered_language(primary)
}

/// Whether `subtag` is a registered primary language subtag (case-insensitive).
pub fn is_registered_language(subtag: &str) -> bool {
    if !subtag.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let lower = subtag.to_ascii_lowercase();
    match lower.len() {
        2 => in_set(&TWO_LETTER_SET, &lower),
        3 => in_private_use_range(&lower) || in_set(&THREE_LETTER_SET, &lower),
        _ => false,
    }
}

/// The registry's `qaa..qtz` range, reserved for private use but of type language.
fn in_private_use_range(code: &str) -> bool {
    let b = code.as_bytes();
    b[0] == b'q' && (b'a'..=b't').contains(&b[1])
}

/// [`TWO_LETTER`] as a set: bit `n` is set when the code whose letters, read as base-26
/// digits (`a` = 0), make `n` is registered.
static TWO_LETTER_SET: [u8; 26 * 26 / 8 + 1] = code_set(TWO_LETTER, 2);

/// [`THREE_LETTER`] as a set, as [`TWO_LETTER_SET`].
static THREE_LETTER_SET: [u8; 26 * 26 * 26 / 8 + 1] = code_set(THREE_LETTER, 3);

/// The set of the codes of `width` letters concatenated in `list` (evaluated at compile
/// time: a list with anything but lower-case ASCII letters, or of a length that is not a
/// multiple of `width` (its last code would be read past the end), fails the build).
const fn code_set<const N: usize>(list: &str, width: usize) -> [u8; N] {
    let bytes = list.as_bytes();
    let mut set = [0u8; N];
    let mut at = 0;
    while at < bytes.len() {
        let mut n = 0;
        let mut k = 0;
        while k < width {
            assert!(bytes[at + k].is_ascii_lowercase());
            n = n * 26 + (bytes[at + k] - b'a') as usize;
            k += 1;
        }
        set[n / 8] |= 1 << (n % 8);
        at += width;
    }
    set
}

/// Whether `code` (lower-case ASCII letters) is in `set` (a [`code_set`] of its width).
fn in_set(set: &[u8], code: &str) -> bool {
    let n = code
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'a'));
    set.get(n / 8)
        .is_some_and(|byte| byte & (1 << (n % 8)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_fixed_width() {
        for (list, width) in [(TWO_LETTER, 2), (THREE_LETTER, 3)] {
            assert_eq!(list.len() % width, 0);
            let codes: Vec<&str> = (0..list.len() / width)
                .map(|i| &list[i * width..(i + 1) * width])
                .collect();
            assert!(codes.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn sets_hold_exactly_the_listed_codes() {
        let letters = || b'a'..=b'z';
        for (list, set, width) in [
            (TWO_LETTER, &TWO_LETTER_SET[..], 2),
            (THREE_LETTER, &THREE_LETTER_SET[..], 3),
        ] {
            let listed: Vec<&str> = (0..list.len() / width)
                .map(|i| &list[i * width..(i + 1) * width])
                .collect();
            let mut codes: Vec<String> = vec![String::new()];
            for _ in 0..width {
                codes = codes
                    .iter()
                    .flat_map(|c| letters().map(move |l| format!("{c}{}", l as char)))
                    .collect();
            }
            for code in &codes {
                assert_eq!(
                    in_set(set, code),
                    listed.binary_search(&code.as_str()).is_ok(),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn registered_primary_subtags() {
        for ok in [
            "en",
            "FR",
            "lb",
            "fr-CH",
            "en-US-GB",
            "haw",
            "zh-Hant",
            "qab",
            "sgn-BE-FR",
        ] {
            assert!(has_valid_primary_subtag(ok), "{ok}");
        }
        for bad in [
            "eng",
            "em-US",
            "#1",
            "i-lux",
            "dutch",
            "English",
            "",
            "  ",
            "x-private",
            "e",
            "zz",
        ] {
            assert!(!has_valid_primary_subtag(bad), "{bad}");
        }
    }
}
