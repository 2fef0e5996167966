// Chunks written by the format-1 encoder (before values-decimal gained divisors and centred
// deltas), kept so every later reader is tested against them: each blob with its sample count and
// the SHA-256 of its timestamps, values (float64 LE) and stale flags as written.
// Made by the encoder at commit e5eb065; do not regenerate.
export const FORMAT1_CHUNKS: readonly { name: string; n: number; sha256: string; base64: string }[] = [
  {
    name: 'node_const_0 (mix kind 0)',
    n: 240,
    sha256: 'b51504664e20a1c471f61d47069cde381ac84dd2ea6b01b60872689cf9a4209b',
    base64:
      'AAEV6qK18AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IACABA==',
  },
  {
    name: 'node_const_1 (mix kind 1)',
    n: 240,
    sha256: 'fce862d9fc81cb1127de3dce423d0652ba55679ba8b7d8ee1986142f1218447f',
    base64:
      'AAES6loe8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IACBAIA=',
  },
  {
    name: 'node_const_2 (mix kind 2)',
    n: 240,
    sha256: '0204f6fd735b9377c835db1c4d840b7d985e6a98a08ae9aa036889515b574cc1',
    base64:
      'AAG5i1ku8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IACBAQEBAPo=',
  },
  {
    name: 'node_const_3 (mix kind 3)',
    n: 240,
    sha256: '984a7c42fb0fe9cd27c1efbdcdcf3d35af80ef94f26f26d23b15a482c63798b7',
    base64:
      'AAEVEQVs8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IACBASE70jQ=',
  },
  {
    name: 'node_const_4 (mix kind 4)',
    n: 240,
    sha256: '59ec8efb2ff2f9159172341a8936452e7160781d19d64acf2cdfcd32a5060249',
    base64:
      'AAHZsMKk8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IACBoB4=',
  },
  {
    name: 'node_const_5 (mix kind 5)',
    n: 240,
    sha256: 'a5b3f1f2f8ac55f9c86af34f12ea5a71041d60ace3e4c6456a928443c807511a',
    base64:
      'AAEKfThy8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IACAAA==',
  },
  {
    name: 'node_counter_6_total (mix kind 6)',
    n: 240,
    sha256: '9c525048a2e00144666492d0a70222263e704ab7831c7e0d5e10267358159ca5',
    base64:
      'AAHC0QR78AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEKej4PWBEwQVczS1Yarsp14GQZy5ExbdUdEXXq3sQ0u5eNUO6Th7JZz3TDhiKjwl8W3gtxQ69Unf5PDFLQexYsfUTedm7evUmF4iyXB14AT7tPUE/jcv2cdzO13AUG1JJlR8G3gHCLCwpycwu90Y+y9Z+bPurPJWeiIXSzEDfQjFDKCTf6LRG0j7OXdhsrkweUhNXHoXg0t9APb5OuaI6atrOasudWS0uYO8gbpgqWKj1+Qnl7pRPjDwT26CKdbNzg',
  },
  {
    name: 'node_counter_7_total (mix kind 7)',
    n: 240,
    sha256: '278e3ac38f45d89ef7b499bc319a11790de384edd2c1f9a1cd55ffa3ccc61d36',
    base64:
      'AAGfGk6C8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAELelc4CzCYrCfp+LvqxK9ga048ASbM2OPgeLeU+oKUS5sePDNEflfxQAbrJAbxCapYEbilN6IpZ0s2552ssO8RdnDLak7iKMB6y2iC5bEVy32bwV9spSdu19+OKvdDzU4+dFCFUjaJTo8FgF8XZiKqtjrIlpvwzvZsy3QPYO70EtIPYDODGVfdYfXwVyhOmeuQJYY45MN+IjmFpGZy5W6YVcn1z96hhrh3ZzeA9UjksjXQ+Huu2aRnsyWAXBA2FuknZX0QB+B7KUK2+uNxtuY55Mm8L1v6NGhOcooy1ugLSccF8huGQWiV7T4YnK4mJiiL1hx1Rk2xu608c3cUl2QVrR5pCGMXrxPGeKvhGYbBznriqSUKzbnwuSPsPwVTVqFBVaBAbDhnT1BW7ybZm1FBsnIkTRMI1CM6AJ4aujPoa1VsHiKhOhhSUpeV5oCp9D7khInLmUt3CVAIVJB9BlcK4cxxo6qldg==',
  },
  {
    name: 'node_counter_8_total (mix kind 8)',
    n: 240,
    sha256: '797c69013007da81fbefb1f2f40c9dc7ffb1cf8594f2907e147f70c91cebcb2b',
    base64:
      'AAFNDTGo8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEKQ8ZH3A5iJEkDh5EXo08I6ZfpEgzkd447E1saC9bzgEyDHAwUiuGIGwvUN97ov+HQxe2PEvG67DWVA+flTDnPkruhYI+Tm9FaZY1gXhxa32J9evXFWq2OqjmHVjUQgJqTRCPO4yPtOoi/jE47MQPGLTzs/bWf8gmj3pNhbaFQNBLBc5ebB/fWhxIl4iyHNquRhJ7Kbth9uyvxLqdesfzaQDIzbZSFDPCp/Sj9vc1pPVwDujmWV0aiQjUzP97w6O0CEMQwSM6LQL1rGFR1i/lByMx4SoN5vyI+Y6CBs8hKO38w2KEBy/ASNfGIruvH5LzUmQ1IuEO5hVerXzy4Y4Kxpwn8R82jZXQSdjrvAJa/gg9rDM16cas2GY3nk0GXQZJbSowNApjmAEhXj4jDfBXh2qHmSGocoEFsIYrINLGRVMhgGtik/dpvzXdoohJq0YqSloYgbZuxX0PZGI5l1xYDHifGTpsHtfuHd6QtqjXzSLxUpyP1Cjeg2Hkx+xLLXxQ5SU/LulhlFVzdwe98/6gkphIhqsSD7HCWHuXv351QJR5KMrbryeaYP89PfmmAGkESMsEi4bXcpKVybg1jUUlV6fZMSwqZwFnEW/TTTw3B2a0XwGFJmYd9CYvB09yfCxvQVyMreglNuzMQntYM5tW65EyzNNf4MyvCXqMhLoPw4VWxrY7ENFr/rjOzCF4ZMqHadk+Tot8uoIS2ivoEddssK4F4QA==',
  },
  {
    name: 'node_counter_9_total (mix kind 9)',
    n: 240,
    sha256: 'f89eaeaf9a077fa790fe7e5c8d08dd95a7832be483e90b3fbd5b3452b1c67cf8',
    base64:
      'AAFOupZj8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEKymc2nBwgGkGRuIYubJNxzTLiwgEuWMYAhBhciuMYywJYEcuIjMWDlkQgChmyXjFyy4MJQgXixYmJJcplxWBCVynBJuUxkuaYC4SscuAxiZQgDI04gyUA',
  },
  {
    name: 'node_counter_10_total (mix kind 10)',
    n: 240,
    sha256: '3d8732e220e570f4561debf0b260c873cbd9ca75cc9971ffc5b99677268cc491',
    base64:
      'AAHt2OOB8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAELOpcKbB9YOJDWE6iD5VbEdvi0w/1OHyYdAOEcKMiE1wXstC9HKw3Ele1jNiC/E0y8HnKjNXIoC8dyaz04V50UBoZSl8kZLFpgtIuGI/Y0PfLo5aowms3qVwDIwldQpT4USlg+Tc8GdmYShOheMyC5e8mixkuWsodBM3csBuEoc4mmLdRBHNriJqdg5yIyVAowSYRPMa+dsESurJzEmUglRswvgpUXUKhsyeK06VCKtYgyckFIgA7lmdILb2JKupVGah4NxclS+DemG+wxRaiOnw6lnbnWa6M6NLdVsTQWikVUF6FHPAEZ2WFtV4BWJbihCazjOA1cWhOj29unl94GGFk+uiXswNDnxqN03TF2SAjC3CiqYSUMqPNx+zSpfJSOm69WpDmPg868kcopNjrEx2tdckgdqOvw0unPQwasZRzWkCz1i90HTA==',
  },
  {
    name: 'node_cpu_seconds_total (mix kind 11)',
    n: 240,
    sha256: '563710bbe70a220507743a6c7d058d698095cc5da6dfb914b98ccfdc7340a59c',
    base64:
      'AAFDxMtW8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEq0qdcC7hcdtpuhbj0Lc0sOGNWz3DpJbxmmbTHMmQLyWJ1hrPkS+H0sEsVDumtvZyrHRDxq+iZpk9o0bebtd7hA2hRrZL05JUEGBeD062+BX26+DAGw0hfWUYiEROIGub9mgNDiPaslwWvCIRDY0+49h59BrdJXmbXfbGWKm4jZFmc4Ei1+yDc1GWjAuw+TJvAXoebIVZ4vHniMyJCynJg/cedb/jFZKeEKutk0kiJxPcKuo2NJ1AoTTAOcotakUxTw7YPF9QymbQwQIYnKxY0xJY4/5V4udOgS8NpmPZNbX4uH4/BA9uRFM/HVbmJJz53lHhoV2JICV9c5TVBCO45WZ0o6XlBtNu85RhelEo4/o9c1UA=',
  },
  {
    name: 'node_cpu_seconds_total (mix kind 12)',
    n: 240,
    sha256: '4c7a698f7b967e6657921867075a31ee9f2af4494e1a5c7439570136461cc234',
    base64:
      'AAET8KM08AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEqkjewFkgEPK/DWkcs5ApnQGiWTo9IpPKcA1aU2wrAQrAqcwlYtR5XizUxtnbHBTDKLlSNM4Ho6BjkxRNYY6YhwOuGejO8kUrwksRY0sO+EM1hBdOvbeknnkBcbG8LYgKbYoKC8HeAkcpZ0GwTLPaDyXXbOxKgS5wVjgV0kRsUOemO0M0rhU+2tIc/DV4Lpvsr5TrlCZQ12xgLgA==',
  },
  {
    name: 'node_cpu_seconds_total (mix kind 13)',
    n: 240,
    sha256: '51d2a7749f6269232bdfae7ed613529128d049ac274e9bab9432ead196739d81',
    base64:
      'AAFGDPfq8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAE7skd5Eagmw4xnrz4m3688IROY0cgwAlKwKsiQnrPC54TzxZjGcSS9N+JrcQOdRHPHPG4wTS3rvHHYEUuY0rw1vrz4mX6FzSmgbhTEThZHAJmfQ3iTwBZ4ds+DdN4yuAp5gDx500Gz0M6NvAY1LrMcZ4m8LOKd1XNZ8A3gmcR31z6b1MWA',
  },
  {
    name: 'node_cpu_seconds_total (mix kind 14)',
    n: 240,
    sha256: '5a545e2341afaa6b2927e43a919d3169e9645971c6a4e1ba58406d282efcbf0a',
    base64:
      'AAH0sG6D8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAErQ5ocEygMSnZn8HxoVu2+DvDJBZaBXSHYitEwMZ+gOmf6O/JB5dEkBcYrzdl5cnf4seAXfZjNMvRMrxwZvLJdpsJT0V5qYQZ8Efkyy6EwbTYqPT7IccGnujGprSWcYeLh7vH8HK/oJIeXpQn4CwaYeDWsfVw4neGbqT65GxMaHuSjhcKrTgopu4QX+A0fCH1Y8XbiRQacFKhjpc7GZCKLwQR9nTH82GVuKIdtvqBTrqyLBp4tfdziaY3dnz4IlzpzCuxs1oiA',
  },
  {
    name: 'node_gauge_15 (mix kind 15)',
    n: 240,
    sha256: '162f975756e7a2e6df67575b320075a7f5547ef04c26d6f4a27e44244a0caa9e',
    base64:
      'AAHCXhGn8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEGAgI3NO1eSP//Qf//kb//y5//2B//xEAALYABnAAOxAAHTn/8PAANwAAOfAAG8AAHQgACNf/+UgAG7f/47//y8AA1Z//xP//jT/+QQAEZAAOuwAHU3/89gAJH//43AAPgABYP/+vv/8V//3v//vAABawADMf/9rAAOmf/+8f//ToAAZgAM+//xt//f3//mIAB1Z//VIACggAFT//wgAAp8AARP/+2f/6y//yYAA0KAAh//+JQADVAAa9AATgAAav/99//wuAAxV//4mAANAAByx//6v//9e//+aQAGJwAEq//9HgALh//8zgANBAAFOAANwADH3/+oQAFh//6z//8LgAMKAAE2AA3KAAXf//sH//CYACrwAB5//6t//9Pf/4Z//8If/5I//pv//OQADuAAB1UAAAAADaX//ssABskABA4ADef/8dAAJGAAOYABF4ADHgADUf/92//42AAMsAAsgACx//8wgAFcAAEf/9d//+wQAG3//6+AAZU//7x//9aAAOzP/65//6uAAWb//IoADk8AByn//e///tkAAEwAHMwADZP/+ngAHKoADEn/9Bf/21//5PAAEb//hn//cv//j7/+A//8p//9Yf/1J//4j//2UAApP/+D//+oQAAQ//52AAdsAAJk//wL//6+AAZE//pkAAOv//Bv//swABDIADOIACRwAGUgAHNIADC3//aH//Sv/+3gAEV//8iAAEv//43//7r//pH//ev/+vwAGHgAHGv//qP//tEAAyv/+MwAHTgACewAHEf/+pf/+GwAG8///YgAC2wABqAAdAAAJbAAW3//iL//nD//iYAASf/48AAaY//9df/06AAyb//u8ABfX/8/gAL9//yp//12AAeAAAGAAJlAAamAAc6gANKAAEAAAfH//eX//FoABXf/4AAAUMAAoMABe4ADGYACFgAAA==',
  },
  {
    name: 'node_gauge_16 (mix kind 16)',
    n: 240,
    sha256: 'c9fb1c5ed8edb91f7575a3641557c8849fff4a7891b2deb65af07fd8b3dce18a',
    base64:
      'AAHnGcWM8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEleCzls3KwpwSTJTNVd2noKLJuzdXOKjGohYU1eIdMJZmDEYABZqpEWs2Wok4YwsqndqarGMLBjEzhzZuoxYg1ch4xOWoM1KF0EcRdVCmod41WDpIUQxausU2ZqrFVCOg8lXEULm7OLxjMHApSVnLmrcTc5A==',
  },
  {
    name: 'node_gauge_17 (mix kind 17)',
    n: 240,
    sha256: '9b81e3d3f016a5418cc78517c301aa12f48947739fcc830200ed7756326a510c',
    base64:
      'AAF8j+oh8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEWKBwqmJibzjODA04uVhpiowYnDgrGA6cC3JNhQpqYt4cNhznAw2MJMap1KxGs4esM1mg5qrZwBo4qFLznTV0ousTWCAxkHLNGIuLNYlCrputSHTwFVnBxp3ScLM3RwNNITR06m3c4jUS3GL1QsYcYtoPV3lk=',
  },
  {
    name: 'node_gauge_18 (mix kind 18)',
    n: 240,
    sha256: 'a6a6ff764c297f3123f0398f49cfe734ea8c983c47cc324bc5b161681d09c7b1',
    base64:
      'AAGOYOP/8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAEHyAQcxu5iGpmGhcuY8iHJHGZvHKw5hpkgV5MAkuchHQwLN42V4zTOGklElJknMzGcvOZc1ZdtmpzZmFrFphmjZdXcbkCnIlhpkuBALCC1M1sbjc2RlwmZsxlwJks2AA==',
  },
  {
    name: 'scrape_duration_seconds (mix kind 19)',
    n: 240,
    sha256: 'cd23e192d727cd6c533b571fa597f36898d57c6521cec21e91e38686d84bc27e',
    base64:
      'AAGdpyqU8AGGoKv++WKYdQIEE7mrec3///j6FLGa///x9mLzg5ws08P///H0Giol5qDWM5iVeLwIOSA8C6xTwaOKd4m8qKVB1H//8V/rCDwrISKiWwQ1mnnF5MCFlvBmKzDDt5mruUCIOXOW5LoXeHSlXIyzKTuIoMYjJxGJDzec2lliQoAirihcXmItZSV5IAI/fxWMCNT99Nml/OsF2FP06OPTp0SbWdxO8YCSyJTEd7yqxqXWBCigJTfLPjS/a5jVGVRbxu7lqwOdOW6YvBDLDjK+fCF/5iku1V+INDXW/rNkWgFAYR3Cv3yC9u7gFIchIHi8hexXCsueGbp+J6waBUOZoQr98IHqmplU/fNvEy0ZLS/fG8ASfEmqPGrliZ3fR40Vub87QiFMnG6bTE6TcODLsRCgij1AngNZSPIAAAC+5KkyoMKbYEclsGuFJ9volvwQTpdOAjdU/Y0myYF6euI1XTVvDy4cAcOJy8uaEdhw4nLt/U19hRWSut2bJOpk3C8swdr3jMSoO9Hi2NIshv1o0xgQbla71Y7Fet43YVUhKZ0CDNvxg42biTlW4A4pr0CDErjupVCIct8v3LHDmcu1yAlAV+AAAAIU+JKJAgzOh3qf4R++RuA7sW3h2NI77mAkwT9gxgpLrP+kWQu7bBBk7xuJIc1UJmSmI9vSqIJUi8e25ksQdvWxaISNwOknz5yhoXpI4M2l26Z16w9Bg3b7aumt94zFvPwERKVRKuCS8E/pFsWIG9OFebIdugXSgfR7Ck6BQfDwsVwpbyxuUg/eMzvHLsY6+cu6+CGdpNjUR4RWEYBDhX5hOSr5GFNrGEcTVpkumVYLjn6YAAAAhfD+l4cSc68Ayo4bS8fr4ldHP98zahnfLlu4l/CEIb36fvnVLycxSyLSbXv1IgL9YEeKFtn43I7QYYD/qSYrhyFu5cleoctAi/d9L2V0xPr7IVrEJeNRgWNHw0jx7K4cU9GQ4TyrjPDDfJymIgEmju/3Dse5dlYr0CDF4NEzmwo/cOu/4kF3jdBm/2Olhwr97b4F9vZ9w7agQzT0fSK4WBza/CIVmyYA9pEEAAAAvbQQz9yrhy94Iz9c7VFrkTPO4m9cChkJGaNBfPKHVh+EiVUCLk0OFs9bFogZ81b+NL9iASxV6odhSIBSfnsvHsKgDw0s1iyG6A3EHFik+Q7pfOf51sGDgizOq5sjyGEupWjmV8+IKycvVpfsWv+99Ib967SBUQIzGZqroA3D2lw7GkgUBNbWl2w24lo3chy0D7iCWNIsqizv7f4dkjUyaA2ciiDl2xYA5cS9kNwvgfvH7xrOkaBCLmLl+xZ755pQKl0yugFixCyHIviAwNMQsKTpL6NdQHdqr8v4rH/WcxJu9yIE4PoMKoWmd44GDFqhTlmU375mS8VDA0xnbJYD9cGTYU/evYZDsnjtjODYFBWSdLsr4XMGD967Sg7BWfxSHI2/5M3MgwYtYC7d3xFcOQgKzQh1H7hu8idN3l41Pr6K3o9bWBDv6ikUSyUxa8TIuQsbocIH+t45FcOQggrfQeFJ8mChFDdqfvm73zXtkdoL6gWOD2FP3zOACJkqzU1XICTpzVCkWwu76rknreN2H++Lf8+dqrx1GPrbVdrv+GBwvjtjOCdvD6OXbHr3zXPVgwvkvZQzAxBm0i8eGt8xbWBL+0Y7y1EaogwUWww5F82FMK90Q4V+oWefVIp+4dvIEG76DGia/VKXyDC+fr6GEJvtYEGup7d+yet46GTZN4lfPnoOyv0FCs2Th3Nz+CDNpGHn6cZFEpLr/UUrFJTEfukOnEHQ4TyG+k11++ds4bjvC3S2S+uYcoCeNEna9+IRVZnIvIKn79znSHIhimAI9BjS65cDvT4j1PoJ2udsiuHIvCTnqTtjUSAX9Ar+Zqa4SEPx5rarvhDO5luZLQ6Hef4RhRKRoeA2niFEpGvUB9k3rtbuDHr6qBy7YbzcTcUDBiXv5S5qMv3yWAjK8Gk+QvIPWdWKT5C8g48y9lhSG6+AaVsW0vHYJac3rXU3TgNQzmoUnz6BKWHyu2F4IHPrF/IUiyhr6CbTmJNSHVpgVFpNroZ2BGkWk2ug6KCewo/c2Epn0p2h+8IZRWURfPnTuvRlaLeR66/kSAWUP3j78YlXdfI1MgdhuCr9iye8KRl74EGa7zr2lF0xP2v+MMuij9i+CT0cRItiuIPhm2hX753h01VXDOReKDna4bw7Gl7r5dk0GDcuuyFSuMW8bmGI3eVn7h24FUX5+n75mhfBBnCTcCC4RBXvycpib/lbUCT585hY7kqNcCc6GcQeXOReIodBZPfQYU3hBzxENofvCDQK6ihSLY73Ud+eq/euufzjOOt43W5pZwPBR63787q8P8zG6gwPymD11N2D7R3DxrOk4XJX1KTcCPuite0sCHLa9RXGNivnL7ynPOQR2gwvu8DyeoMZ6/1Dvy4EP3YEHZ/kuFIUvKJbjGeslOGPfN4Jyu5buMUyb///+gbA1XLWFIU=',
  },
  {
    name: 'specials, a counter reset, irregular timestamps',
    n: 100,
    sha256: '91956442664f5898ba23a08fa6310cdaea655875552e218e7fb2c5e98c57701f',
    base64:
      'AAEm17/7ZNCvq/75YrobcACUkrWaRe6PE9ieujIvrNSUN/4S1BaXQ31h5ts91DYqMasPRiPNWrrPaDiePWds+iTTRW7VU/DsLXll9HBIHvm4jmFwURy42qWOGvDD8TObaAr5LAAdsNRiSd12WTJPHL45c90PXzqA468axDs8K2kTAe5Xtd0TR1fT4HDqBql7C+YhXPxqvSu9cAYPwjCo6EZ/eisOhLfYjAVabBQJgaAmBQEISghhEAUCkIoCwNBcBkBEBYcgaAbRgD6ARgHdAAHcgO67kAAAAAADuu5AAAAAB3XcgAAAAA/tP7MAA7ruQAAAAAf2n9n3XcgAAD///O6l///87naAAADx2AAAHjy3AAAAAAAAAAAAA8dgAAB47eOw',
  },
  {
    name: 'one sample',
    n: 1,
    sha256: '91b01ab8cbf144de8426298f9139999eb25cb051ca6f75ec8bf3b55ba7d0ceea',
    base64: 'AAENQ0GdAYCgq/75YgAiaQMA',
  },
  {
    name: 'constant full-precision float',
    n: 50,
    sha256: 'c6ab41950a46febf63444c521928c5d6ee271d2667bf094dea3633f3813b2538',
    base64: 'AAEuhS8LMoagq/75Yph1AQZIKnBRd1//khiTw//tJXkDyR4DIf/5BAEYxeDBCTuwAEAJIftURC0Y',
  },
  {
    name: 'gauge in 4096-byte steps',
    n: 120,
    sha256: '6e1f93a0913f7cc1b3452324b58887f2f6f98dac2dcd25a12660eaee85219544',
    base64:
      'AAGZ25pteIagq/75Yph1AgYEbqznGL//wJTCLf/0g8YDGBRY4H//AWEkU4sgtCMUUng8AQYiAHAHaDHAWGDG8FeJIxMBsn/RvKBAcCcQIhJFMwEDKLGAIMBgTOadpRQAEUABf//xQAEUABf//xQAEUABf//xQAF///FAARQAF///FAARQAF///FAARQAF///FAAX//8UABFAAX//8UABFAAX//8UABFAAX//8UABf//xQAEUABf//xQAEUABf//xQAF///FAARQAF///FAARQAF///FAARQAF///FAAX//8UABFAAX//8UABFAAX//8UABFAAX//8UABf//xQAEUABf//xQAEUABf//xQAF///FAARQAF///FAARQAF///FAARQAF///FAAX//8UABFAAX//8UABFAAX//8UABFAAX//8UABf//xQAEUABf//xQAEUABf//xQAF///FAARQAF///FAARQAF///FAARQAF///FAAX//8UABFAAX//8UABFAAX//8UAAA=',
  },
];
