import { describe, expect, test } from 'vitest';
import { defaultSensitivity, maskCell, maskText } from '../../src/privacy/mask';

describe('masking personal data', () => {
  test.each([
    ['张三', 'customer_name', '张*'],
    ['欧阳娜娜', '客户姓名', '欧***'],
    ['13812341234', 'phone', '138****1234'],
    ['370102199806062941', 'id_number', '370102********2941'],
    ['33010219770309985X', '证件号码', '330102********985X'],
    ['浙江省杭州市西湖区文三路1号', '地址', '浙江省杭州市****'],
  ])('%s (%s) → %s', (value, column, masked) => expect(maskText(value, column)).toBe(masked));

  test('levels: names, ID numbers and phones are A; amounts B; codes C; personal-looking unmapped columns A', () => {
    expect(defaultSensitivity('customer_name')).toBe('A');
    expect(defaultSensitivity('id_number')).toBe('A');
    expect(defaultSensitivity('phone')).toBe('A');
    expect(defaultSensitivity('aum')).toBe('B');
    expect(defaultSensitivity('customer_id')).toBe('C');
    expect(defaultSensitivity('联系地址')).toBe('A');
    expect(defaultSensitivity('备注')).toBe('C');
  });

  test('only level A is masked, and only until the session unmasks', () => {
    expect(maskCell('张三', 'customer_name', 'A', false)).toBe('张*');
    expect(maskCell('张三', 'customer_name', 'A', true)).toBe('张三');
    expect(maskCell(123, 'aum', 'B', false)).toBe(123);
    expect(maskCell(null, 'customer_name', 'A', false)).toBe(null);
  });
});
